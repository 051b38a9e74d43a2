// ISO 4217 currencies and their minor-unit exponent (how many decimal places an
// amount may have), shipped as data: the ledger stores integer minor units, so a
// wrong exponent would silently multiply or divide money by ten. Codes without a
// minor unit in the standard (gold, SDR, test codes: XAU, XDR, XTS, XXX, …) are
// left out on purpose: the fund holds none of them.
//
// Source: ISO 4217 list one (current currencies and funds), the column "Minor unit".
// When the standard changes, add a line; never change the exponent of a code the
// ledger already holds (add a migration of amounts instead).

const table = `
AED 2 AFN 2 ALL 2 AMD 2 ANG 2 AOA 2 ARS 2 AUD 2 AWG 2 AZN 2
BAM 2 BBD 2 BDT 2 BGN 2 BHD 3 BIF 0 BMD 2 BND 2 BOB 2 BOV 2
BRL 2 BSD 2 BTN 2 BWP 2 BYN 2 BZD 2 CAD 2 CDF 2 CHE 2 CHF 2
CHW 2 CLF 4 CLP 0 CNY 2 COP 2 COU 2 CRC 2 CUP 2 CVE 2 CZK 2
DJF 0 DKK 2 DOP 2 DZD 2 EGP 2 ERN 2 ETB 2 EUR 2 FJD 2 FKP 2
GBP 2 GEL 2 GHS 2 GIP 2 GMD 2 GNF 0 GTQ 2 GYD 2 HKD 2 HNL 2
HTG 2 HUF 2 IDR 2 ILS 2 INR 2 IQD 3 IRR 2 ISK 0 JMD 2 JOD 3
JPY 0 KES 2 KGS 2 KHR 2 KMF 0 KPW 2 KRW 0 KWD 3 KYD 2 KZT 2
LAK 2 LBP 2 LKR 2 LRD 2 LSL 2 LYD 3 MAD 2 MDL 2 MGA 2 MKD 2
MMK 2 MNT 2 MOP 2 MRU 2 MUR 2 MVR 2 MWK 2 MXN 2 MXV 2 MYR 2
MZN 2 NAD 2 NGN 2 NIO 2 NOK 2 NPR 2 NZD 2 OMR 3 PAB 2 PEN 2
PGK 2 PHP 2 PKR 2 PLN 2 PYG 0 QAR 2 RON 2 RSD 2 RUB 2 RWF 0
SAR 2 SBD 2 SCR 2 SDG 2 SEK 2 SGD 2 SHP 2 SLE 2 SOS 2 SRD 2
SSP 2 STN 2 SVC 2 SYP 2 SZL 2 THB 2 TJS 2 TMT 2 TND 3 TOP 2
TRY 2 TTD 2 TWD 2 TZS 2 UAH 2 UGX 0 USD 2 USN 2 UYI 0 UYU 2
UYW 4 UZS 2 VED 2 VES 2 VND 0 VUV 0 WST 2 XAF 0 XCD 2 XCG 2
XOF 0 XPF 0 YER 2 ZAR 2 ZMW 2 ZWG 2
`;

export const currencies: ReadonlyMap<string, number> = new Map(
  [...table.matchAll(/([A-Z]{3}) (\d)/g)].map((m) => [m[1]!, Number(m[2])] as const),
);

export const currencyCodes: readonly string[] = [...currencies.keys()];

export function isCurrency(code: string): boolean {
  return currencies.has(code);
}

/** Decimal places of a currency's minor unit; throws for an unknown code (callers validate first). */
export function exponentOf(code: string): number {
  const e = currencies.get(code);
  if (e === undefined) throw new Error(`unknown currency ${code}`);
  return e;
}

/** The largest amount the ledger accepts in one posting, in minor units: far below 2^53, so sums stay exact. */
export const MAX_MINOR = 10 ** 15;

export type AmountProblem = 'format' | 'precision' | 'zero' | 'negative' | 'tooLarge' | 'currency';

/**
 * "1234.5" in EUR → 123450. Refuses what it cannot read exactly: more decimals than
 * the currency has (12.345 EUR, 100.5 JPY), signs where they are not allowed,
 * thousands separators, exponents. Returns the problem instead of throwing, so
 * forms can name the field.
 */
export function parseAmount(text: string, currency: string, opts: { allowZero?: boolean } = {}): { minor: number } | { problem: AmountProblem } {
  if (!isCurrency(currency)) return { problem: 'currency' };
  const s = text.trim();
  const m = /^(-?)(\d{1,16})(?:\.(\d{1,8}))?$/.exec(s);
  if (!m) return { problem: 'format' };
  const [, sign, whole, frac = ''] = m;
  const exp = exponentOf(currency);
  // Trailing zeros say nothing ("12.50" EUR, "100.0" JPY are exact); other extra digits are refused.
  const digits = frac.replace(/0+$/, '');
  if (digits.length > exp) return { problem: 'precision' };
  const minor = Number(whole) * 10 ** exp + Number(digits.padEnd(exp, '0') || '0');
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return { problem: 'tooLarge' };
  if (sign === '-' && minor !== 0) return { problem: 'negative' };
  if (minor === 0 && !opts.allowZero) return { problem: 'zero' };
  return { minor };
}

/** 123450 EUR → "1234.50": the plain decimal form (CSV, API, form values). */
export function formatMinor(minor: number, currency: string): string {
  const exp = exponentOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const unit = 10 ** exp;
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(exp, '0')}`;
}

/** A localised amount with its currency ("1.234,50 €" in Spanish), exact to the minor unit. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const exp = exponentOf(currency);
  const f = moneyFormat(locale, currency, exp);
  return f ? f.format(minor / 10 ** exp) : `${formatMinor(minor, currency)} ${currency}`;
}

// Making a formatter costs far more than using one, and a report shows hundreds of amounts.
const formats = new Map<string, Intl.NumberFormat | null>();
function moneyFormat(locale: string, currency: string, exp: number): Intl.NumberFormat | null {
  const key = `${locale}|${currency}`;
  let f = formats.get(key);
  if (f === undefined) {
    try {
      f = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: exp, maximumFractionDigits: exp });
    } catch {
      f = null;
    }
    if (formats.size > 2000) formats.clear();
    formats.set(key, f);
  }
  return f;
}
