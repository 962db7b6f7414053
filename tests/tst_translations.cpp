#include "mainwindow.h"
#include "net/engine.h"
#include "translations.h"

#include <QFile>
#include <QLocale>
#include <QMenuBar>
#include <QTest>
#include <QTranslator>

using namespace sockscope;

class tst_Translations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
#ifndef SOCKSCOPE_HAVE_TRANSLATIONS
        QSKIP("built without Qt6LinguistTools (qt6-tools-dev, qt6-l10n-tools)");
#endif
    }

    void compiledIntoTheResources() {
        QVERIFY(QFile::exists(QStringLiteral(":/i18n/sockscope_de.qm")));
        QTranslator translator;
        QVERIFY(loadAppTranslation(&translator, QLocale(QLocale::German, QLocale::Austria)));
        QVERIFY(!translator.isEmpty());
        // English is what the code says: there is no translation to load.
        QTranslator english;
        QVERIFY(!loadAppTranslation(&english, QLocale(QLocale::English, QLocale::UnitedStates)));
    }

    void reachTheWindow() {
        // The contexts lupdate wrote must be the ones tr() looks up at run
        // time (namespaced class names).
        QTranslator german;
        QVERIFY(loadAppTranslation(&german, QLocale(QLocale::German)));
        QVERIFY(QCoreApplication::installTranslator(&german));
        Engine engine;
        MainWindow window(&engine);
        QCoreApplication::removeTranslator(&german);
        QStringList menus;
        for (const QAction* action : window.menuBar()->actions())
            menus << action->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&Datei"), QStringLiteral("&Verbindung"),
                                     QStringLiteral("&Ansicht")}));
    }
};

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
