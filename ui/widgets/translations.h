#pragma once

class QCoreApplication;
class QLocale;
class QTranslator;

namespace sockscope {

// SockScope's own strings for locale, from :/i18n/; false when there is no
// translation for it (the strings in the code are English).
bool loadAppTranslation(QTranslator* translator, const QLocale& locale);
// Qt's and SockScope's translations for the user's locale, owned by app.
void installTranslations(QCoreApplication* app);

} // namespace sockscope
