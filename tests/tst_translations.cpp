#include "engine/engine.h"
#include "mainwindow.h"
#include "translations.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace sockscope;

namespace {

// One <message> of a .ts file, as lupdate wrote it.
struct TsMessage {
    QString context;
    QString source;
    QString comment;
    QString translation;
    QString type; // "unfinished", "vanished", "obsolete" or empty: finished
    bool numerus = false;
};

struct TsFile {
    QString language;
    QList<TsMessage> messages;
};

TsFile readTs(const QString& path) {
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ts;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        const QStringView name = xml.name();
        if (name == QLatin1String("TS")) {
            ts.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("context")) {
            context.clear();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = TsMessage{context, {}, {}, {}, {}, false};
            message.numerus =
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.type = xml.attributes().value(QLatin1String("type")).toString();
            message.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.messages.clear();
    return ts;
}

QStringList placeholders(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("%L?(\\d+|n)"));
    QStringList found;
    for (const QRegularExpressionMatch& match : pattern.globalMatch(text))
        found << match.captured(1);
    found.sort();
    found.removeDuplicates();
    return found;
}

QStringList tsFiles() {
    const QDir dir(QStringLiteral(SOCKSCOPE_TESTS_DIR "/../resources/translations"));
    QStringList paths;
    for (const QString& name : dir.entryList({QStringLiteral("*.ts")}, QDir::Files))
        paths << dir.filePath(name);
    return paths;
}

} // namespace

class tst_Translations final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        // The window reads its settings (recent files, preferences): keep
        // them away from the user's own.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
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
                                     QStringLiteral("&Ansicht"), QStringLiteral("&Hilfe")}));
    }

    void everyMessageTranslated_data() {
        QTest::addColumn<QString>("path");
        for (const QString& path : tsFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }

    void everyMessageTranslated() {
        // A string added to the window without a translation ("unfinished"
        // after `cmake --build BUILD --target update_translations`) fails
        // here, and so does a translation that lost or gained a placeholder.
        QFETCH(QString, path);
        const TsFile ts = readTs(path);
        QVERIFY2(!ts.messages.isEmpty(), qPrintable(path));
        QTranslator translator;
        QVERIFY(loadAppTranslation(&translator, QLocale(ts.language)));
        QStringList problems;
        for (const TsMessage& message : ts.messages) {
            if (message.type == QLatin1String("vanished") ||
                message.type == QLatin1String("obsolete"))
                continue;
            const QString where = message.context + QStringLiteral(": ") + message.source;
            if (message.type == QLatin1String("unfinished") ||
                message.translation.trimmed().isEmpty()) {
                problems << QStringLiteral("untranslated: ") + where;
                continue;
            }
            if (message.numerus)
                continue;
            if (placeholders(message.translation) != placeholders(message.source))
                problems << QStringLiteral("placeholders differ: ") + where;
            // The compiled .qm in the resources has it under the same context.
            const QString compiled = translator.translate(
                message.context.toUtf8().constData(), message.source.toUtf8().constData(),
                message.comment.isEmpty() ? nullptr : message.comment.toUtf8().constData());
            if (compiled != message.translation)
                problems << QStringLiteral("not in the .qm: ") + where;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
