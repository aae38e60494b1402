import { LOCALES, useI18n } from '../i18n/index.js';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('header.language')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={l === locale ? 'active' : undefined}
          aria-pressed={l === locale}
          onClick={() => setLocale(l)}
        >
          {t(l === 'en' ? 'lang.en' : 'lang.zh-CN')}
        </button>
      ))}
    </div>
  );
}
