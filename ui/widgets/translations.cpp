#include "translations.h"

#include "uilog.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace sockscope {

bool loadAppTranslation(QTranslator* translator, const QLocale& locale) {
    return translator->load(locale, QStringLiteral("sockscope"), QStringLiteral("_"),
                            QStringLiteral(":/i18n"));
}

void installTranslations(QCoreApplication* app) {
    const QLocale locale;
    // Qt's own strings: the buttons of standard dialogs, the file dialog.
    auto* qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto* ours = new QTranslator(app);
    if (loadAppTranslation(ours, locale)) {
        QCoreApplication::installTranslator(ours);
        qCInfo(lcUi) << "translation loaded for" << locale.name();
    }
}

} // namespace sockscope
