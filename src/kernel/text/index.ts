// Multilingual text: what other modules import.
export { setText, pickText, listTranslations, deleteTexts, deleteTranslation, normaliseLang, TEXT_MAX_LENGTH, TRANSLATOR_MAX_LENGTH } from './text.service.js';
export type { PickedText, SetTextInput, TextOwner, TextVersion } from './text.service.js';
export { translationSchema, type TranslationInput } from './text.schemas.js';
export { languages, isLanguage, findLanguage, languageName, languageOptions, type Language } from './languages.js';
export { LocalText, TranslationFields } from './text.views.js';
