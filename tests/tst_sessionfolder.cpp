#include "sessionfolder.h"

#include <QDir>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sockscope;

class tst_SessionFolder final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_home.isValid());
        // Documents/SockScope gets created: in a home of our own, not the user's.
        qputenv("HOME", m_home.path().toLocal8Bit());
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral(".config")).toLocal8Bit());
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_sessionfolder"));
    }

    void init() { QSettings().clear(); }

    void defaultsToSockScopeInDocuments() {
        const QString expected =
            QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                .filePath(QStringLiteral("SockScope"));
        QVERIFY(expected.startsWith(m_home.path()));
        QCOMPARE(sessionFolder(), expected);
        QVERIFY(QFileInfo(expected).isDir());
    }

    void remembersTheLastFolderWhileItExists() {
        QTemporaryDir elsewhere;
        QVERIFY(elsewhere.isValid());
        rememberSessionFolder(elsewhere.filePath(QStringLiteral("capture.pcap")));
        QCOMPARE(sessionFolder(), elsewhere.path());
        const QString gone = elsewhere.path();
        elsewhere.remove();
        QVERIFY(sessionFolder() != gone);
        QVERIFY(QFileInfo(sessionFolder()).isDir());
    }

    void suggestsATimestampedName() {
        const QString name = suggestedSessionFileName(QStringLiteral("jsonl"));
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^session-\d{8}-\d{6}\.jsonl$)"))
                     .match(name)
                     .hasMatch(),
                 qPrintable(name));
    }
};

QTEST_MAIN(tst_SessionFolder)
#include "tst_sessionfolder.moc"
