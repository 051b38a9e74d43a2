// Languages a text may be written in: every ISO 639-1 code, each with its name
// in the language itself. This is wider than the interface languages (i18n
// catalogs): people write in whatever language they and their readers share.
// Names for the interface language of the reader come from Intl.DisplayNames.

export interface Language {
  code: string;
  /** The language's name in itself. */
  name: string;
  dir: 'ltr' | 'rtl';
}

// [code, name in itself, 'rtl' when written right to left]
const data: ReadonlyArray<readonly [string, string, 'rtl'?]> = [
  ['aa', 'Qafaraf'],
  ['ab', 'Аԥсуа бызшәа'],
  ['ae', 'Avesta'],
  ['af', 'Afrikaans'],
  ['ak', 'Akan'],
  ['am', 'አማርኛ'],
  ['an', 'Aragonés'],
  ['ar', 'العربية', 'rtl'],
  ['as', 'অসমীয়া'],
  ['av', 'Авар мацӀ'],
  ['ay', 'Aymar aru'],
  ['az', 'Azərbaycan dili'],
  ['ba', 'Башҡорт теле'],
  ['be', 'Беларуская'],
  ['bg', 'Български'],
  ['bi', 'Bislama'],
  ['bm', 'Bamanankan'],
  ['bn', 'বাংলা'],
  ['bo', 'བོད་ཡིག'],
  ['br', 'Brezhoneg'],
  ['bs', 'Bosanski'],
  ['ca', 'Català'],
  ['ce', 'Нохчийн мотт'],
  ['ch', 'Chamoru'],
  ['co', 'Corsu'],
  ['cr', 'ᓀᐦᐃᔭᐍᐏᐣ'],
  ['cs', 'Čeština'],
  ['cu', 'Ѩзыкъ словѣньскъ'],
  ['cv', 'Чӑваш чӗлхи'],
  ['cy', 'Cymraeg'],
  ['da', 'Dansk'],
  ['de', 'Deutsch'],
  ['dv', 'ދިވެހި', 'rtl'],
  ['dz', 'རྫོང་ཁ'],
  ['ee', 'Eʋegbe'],
  ['el', 'Ελληνικά'],
  ['en', 'English'],
  ['eo', 'Esperanto'],
  ['es', 'Español'],
  ['et', 'Eesti'],
  ['eu', 'Euskara'],
  ['fa', 'فارسی', 'rtl'],
  ['ff', 'Fulfulde'],
  ['fi', 'Suomi'],
  ['fj', 'Vosa Vakaviti'],
  ['fo', 'Føroyskt'],
  ['fr', 'Français'],
  ['fy', 'Frysk'],
  ['ga', 'Gaeilge'],
  ['gd', 'Gàidhlig'],
  ['gl', 'Galego'],
  ['gn', 'Avañeʼẽ'],
  ['gu', 'ગુજરાતી'],
  ['gv', 'Gaelg'],
  ['ha', 'Hausa'],
  ['he', 'עברית', 'rtl'],
  ['hi', 'हिन्दी'],
  ['ho', 'Hiri Motu'],
  ['hr', 'Hrvatski'],
  ['ht', 'Kreyòl ayisyen'],
  ['hu', 'Magyar'],
  ['hy', 'Հայերեն'],
  ['hz', 'Otjiherero'],
  ['ia', 'Interlingua'],
  ['id', 'Bahasa Indonesia'],
  ['ie', 'Interlingue'],
  ['ig', 'Asụsụ Igbo'],
  ['ii', 'ꆈꌠꉙ'],
  ['ik', 'Iñupiaq'],
  ['io', 'Ido'],
  ['is', 'Íslenska'],
  ['it', 'Italiano'],
  ['iu', 'ᐃᓄᒃᑎᑐᑦ'],
  ['ja', '日本語'],
  ['jv', 'Basa Jawa'],
  ['ka', 'ქართული'],
  ['kg', 'Kikongo'],
  ['ki', 'Gĩkũyũ'],
  ['kj', 'Oshikwanyama'],
  ['kk', 'Қазақ тілі'],
  ['kl', 'Kalaallisut'],
  ['km', 'ខ្មែរ'],
  ['kn', 'ಕನ್ನಡ'],
  ['ko', '한국어'],
  ['kr', 'Kanuri'],
  ['ks', 'کٲشُر', 'rtl'],
  ['ku', 'Kurdî'],
  ['kv', 'Коми кыв'],
  ['kw', 'Kernewek'],
  ['ky', 'Кыргызча'],
  ['la', 'Latina'],
  ['lb', 'Lëtzebuergesch'],
  ['lg', 'Luganda'],
  ['li', 'Limburgs'],
  ['ln', 'Lingála'],
  ['lo', 'ລາວ'],
  ['lt', 'Lietuvių'],
  ['lu', 'Kiluba'],
  ['lv', 'Latviešu'],
  ['mg', 'Malagasy'],
  ['mh', 'Kajin M̧ajeļ'],
  ['mi', 'Te reo Māori'],
  ['mk', 'Македонски'],
  ['ml', 'മലയാളം'],
  ['mn', 'Монгол'],
  ['mr', 'मराठी'],
  ['ms', 'Bahasa Melayu'],
  ['mt', 'Malti'],
  ['my', 'မြန်မာဘာသာ'],
  ['na', 'Dorerin Naoero'],
  ['nb', 'Norsk bokmål'],
  ['nd', 'IsiNdebele saseNyakatho'],
  ['ne', 'नेपाली'],
  ['ng', 'Oshindonga'],
  ['nl', 'Nederlands'],
  ['nn', 'Norsk nynorsk'],
  ['no', 'Norsk'],
  ['nr', 'IsiNdebele seSewula'],
  ['nv', 'Diné bizaad'],
  ['ny', 'Chichewa'],
  ['oc', 'Occitan'],
  ['oj', 'ᐊᓂᔑᓈᐯᒧᐎᓐ'],
  ['om', 'Afaan Oromoo'],
  ['or', 'ଓଡ଼ିଆ'],
  ['os', 'Ирон æвзаг'],
  ['pa', 'ਪੰਜਾਬੀ'],
  ['pi', 'पालि'],
  ['pl', 'Polski'],
  ['ps', 'پښتو', 'rtl'],
  ['pt', 'Português'],
  ['qu', 'Runa Simi'],
  ['rm', 'Rumantsch'],
  ['rn', 'Ikirundi'],
  ['ro', 'Română'],
  ['ru', 'Русский'],
  ['rw', 'Ikinyarwanda'],
  ['sa', 'संस्कृतम्'],
  ['sc', 'Sardu'],
  ['sd', 'سنڌي', 'rtl'],
  ['se', 'Davvisámegiella'],
  ['sg', 'Yângâ tî sängö'],
  ['si', 'සිංහල'],
  ['sk', 'Slovenčina'],
  ['sl', 'Slovenščina'],
  ['sm', 'Gagana Sāmoa'],
  ['sn', 'ChiShona'],
  ['so', 'Soomaali'],
  ['sq', 'Shqip'],
  ['sr', 'Српски'],
  ['ss', 'SiSwati'],
  ['st', 'Sesotho'],
  ['su', 'Basa Sunda'],
  ['sv', 'Svenska'],
  ['sw', 'Kiswahili'],
  ['ta', 'தமிழ்'],
  ['te', 'తెలుగు'],
  ['tg', 'Тоҷикӣ'],
  ['th', 'ไทย'],
  ['ti', 'ትግርኛ'],
  ['tk', 'Türkmençe'],
  ['tl', 'Tagalog'],
  ['tn', 'Setswana'],
  ['to', 'Lea faka-Tonga'],
  ['tr', 'Türkçe'],
  ['ts', 'Xitsonga'],
  ['tt', 'Татар теле'],
  ['tw', 'Twi'],
  ['ty', 'Reo Tahiti'],
  ['ug', 'ئۇيغۇرچە', 'rtl'],
  ['uk', 'Українська'],
  ['ur', 'اردو', 'rtl'],
  ['uz', 'Oʻzbekcha'],
  ['ve', 'Tshivenḓa'],
  ['vi', 'Tiếng Việt'],
  ['vo', 'Volapük'],
  ['wa', 'Walon'],
  ['wo', 'Wolof'],
  ['xh', 'IsiXhosa'],
  ['yi', 'ייִדיש', 'rtl'],
  ['yo', 'Yorùbá'],
  ['za', 'Vahcuengh'],
  ['zh', '中文'],
  ['zu', 'IsiZulu'],
];

export const languages: readonly Language[] = Object.freeze(data.map(([code, name, dir]) => Object.freeze({ code, name, dir: dir ?? 'ltr' })));

const byCode = new Map(languages.map((l) => [l.code, l]));

/** Codes are stored lower case; tags such as "pt-BR" are not accepted here. */
export function isLanguage(code: string | null | undefined): code is string {
  return typeof code === 'string' && byCode.has(code);
}

export function findLanguage(code: string): Language | undefined {
  return byCode.get(code);
}

/**
 * The name of `code` for a reader of `locale` ("Spanish" for an English reader),
 * falling back to the language's own name when the runtime does not know it.
 */
export function languageName(code: string, locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(code);
    if (name) return name;
  } catch {
    // An unusable locale: the own name below is still right.
  }
  return byCode.get(code)?.name ?? code;
}

/** Options for a language select: the own name, with the reader's name for it when different. */
export function languageOptions(locale: string): { value: string; label: string }[] {
  return languages
    .map((l) => {
      const local = languageName(l.code, locale);
      return { value: l.code, label: local.toLocaleLowerCase(locale) === l.name.toLocaleLowerCase(locale) ? l.name : `${l.name} — ${local}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label, locale));
}
