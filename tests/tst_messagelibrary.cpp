// Saved messages: a well-behaved model, kept in QSettings, and exchanged as
// JSON files whose errors name the file and the entry.
#include "messagelibrary.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sockscope;

namespace {
SendMessage text(const QString& s, SendMessage::LineEnding ending = SendMessage::LineEnding::Lf) {
    SendMessage message;
    message.text = s;
    message.ending = ending;
    return message;
}
SendMessage hex(const QString& s) {
    SendMessage message;
    message.format = SendMessage::Format::Hex;
    message.text = s;
    return message;
}
} // namespace

class tst_MessageLibrary final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& content) {
        QFile file(m_dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return file.fileName();
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QVERIFY(m_dir.isValid());
    }
    void init() { QSettings().clear(); }

    void addRenameRemoveAndKeep() {
        {
            MessageLibrary library;
            QAbstractItemModelTester tester(&library,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(library.save(QStringLiteral("hello"), text(QStringLiteral("hi"))), 0);
            QCOMPARE(library.save(QStringLiteral("get"), text(QStringLiteral("GET / HTTP/1.0\n"),
                                                              SendMessage::LineEnding::CrLf)),
                     1);
            QCOMPARE(library.save(QStringLiteral("nul"), hex(QStringLiteral("00 ff"))), 2);
            // The same name replaces the message in place.
            QCOMPARE(library.save(QStringLiteral("hello"), text(QStringLiteral("hey"))), 0);
            QCOMPARE(library.rowCount(), 3);
            QCOMPARE(library.message(0), text(QStringLiteral("hey")));
            QVERIFY(library.index(0).data(Qt::ToolTipRole).toString().contains(u"Alt+1"));

            QVERIFY(!library.rename(1, QStringLiteral("nul"))); // taken
            QVERIFY(!library.rename(1, QStringLiteral("  ")));
            QVERIFY(library.rename(1, QStringLiteral(" get root ")));
            QCOMPARE(library.index(1).data().toString(), QStringLiteral("get root"));
            library.remove(0);
            QCOMPARE(library.rowCount(), 2);
        }
        MessageLibrary next; // the next session
        QCOMPARE(next.rowCount(), 2);
        QCOMPARE(next.name(0), QStringLiteral("get root"));
        QCOMPARE(next.message(0),
                 text(QStringLiteral("GET / HTTP/1.0\n"), SendMessage::LineEnding::CrLf));
        QCOMPARE(next.message(1), hex(QStringLiteral("00 ff")));
    }

    void exportThenImportRoundTrips() {
        MessageLibrary library(QStringLiteral("a/library"));
        library.save(QStringLiteral("hi"),
                     text(QStringLiteral("grüße\n"), SendMessage::LineEnding::None));
        library.save(QStringLiteral("bytes"), hex(QStringLiteral("de ad be ef")));
        const QString path = m_dir.filePath(QStringLiteral("messages.json"));
        QString error;
        QVERIFY2(library.exportFile(path, &error), qPrintable(error));

        MessageLibrary other(QStringLiteral("b/library"));
        QAbstractItemModelTester tester(&other,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        other.save(QStringLiteral("bytes"), text(QStringLiteral("old")));
        QCOMPARE(other.importFile(path, &error), 2);
        QCOMPARE(other.rowCount(), 2); // "bytes" replaced, "hi" added
        QCOMPARE(other.message(other.rowOf(QStringLiteral("bytes"))),
                 hex(QStringLiteral("de ad be ef")));
        QCOMPARE(other.message(other.rowOf(QStringLiteral("hi"))),
                 text(QStringLiteral("grüße\n"), SendMessage::LineEnding::None));
    }

    void badFilesSayWhy_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not JSON") << QByteArray("{\"sockscopeMessages\": 1,") << "at byte";
        QTest::newRow("other JSON") << QByteArray("[1, 2]") << "sockscopeMessages";
        QTest::newRow("no name")
            << QByteArray(
                   R"({"sockscopeMessages": 1, "messages": [{"format": "text", "text": "a"}]})")
            << "message 1: no \"name\"";
        QTest::newRow("bad format")
            << QByteArray(
                   R"({"sockscopeMessages": 1, "messages": [{"name": "a", "format": "text", "text": "a"},
               {"name": "b", "format": "base64", "text": "a"}]})")
            << "message 2: unknown format 'base64'";
        QTest::newRow("bad hex")
            << QByteArray(
                   R"({"sockscopeMessages": 1, "messages": [{"name": "a", "format": "hex", "text": "zz"}]})")
            << "message 1:";
        QTest::newRow("bad line ending")
            << QByteArray(
                   R"({"sockscopeMessages": 1, "messages": [{"name": "a", "format": "text", "text": "a", "lineEnding": "cr"}]})")
            << "unknown line ending 'cr'";
    }
    void badFilesSayWhy() {
        QFETCH(QByteArray, content);
        QFETCH(QString, reason);
        const QString path = write(QStringLiteral("bad.json"), content);
        MessageLibrary library;
        library.save(QStringLiteral("kept"), text(QStringLiteral("k")));
        QString error;
        QCOMPARE(library.importFile(path, &error), -1);
        QVERIFY2(error.contains(reason) && error.contains(path), qPrintable(error));
        QCOMPARE(library.rowCount(), 1); // nothing half-imported
    }

    void unreadableAndUnwritableFilesSayWhy() {
        MessageLibrary library;
        QString error;
        QCOMPARE(library.importFile(QStringLiteral("/nonexistent/m.json"), &error), -1);
        QVERIFY2(error.contains(u"/nonexistent/m.json"), qPrintable(error));
        QVERIFY(!library.exportFile(QStringLiteral("/nonexistent/dir/m.json"), &error));
        QVERIFY2(error.contains(u"/nonexistent/dir/m.json"), qPrintable(error));
    }
};

QTEST_MAIN(tst_MessageLibrary)
#include "tst_messagelibrary.moc"
