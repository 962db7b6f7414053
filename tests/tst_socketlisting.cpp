// `sockscope --list-sockets`: the line format, and the real executable
// listing a socket this test opened.
#include "cli/commandline.h"
#include "system/socketlisting.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace sockscope;

class tst_SocketListing : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void formatsOneLine_data();
    void formatsOneLine();
    void formatsPortRange();
    void optionImpliesHeadless();
    void executableListsOurListener();
    void refusesToCombineWithSessionOptions();
};

void tst_SocketListing::formatsOneLine_data() {
    QTest::addColumn<qint64>("pid");
    QTest::addColumn<QString>("process");
    QTest::addColumn<QByteArray>("ownerFields");
    QTest::newRow("owner known") << qint64(456) << "cupsd" << QByteArray(" pid=456 process=cupsd");
    QTest::newRow("owner unknown") << qint64(0) << "" << QByteArray();
    QTest::newRow("name with a space")
        << qint64(7) << "Web Content" << QByteArray(" pid=7 process=\"Web Content\"");
    QTest::newRow("name faking a field")
        << qint64(8) << "x pid=1" << QByteArray(" pid=8 process=\"x pid=1\"");
    QTest::newRow("name with a newline")
        << qint64(9) << "evil\nsocket" << QByteArray(" pid=9 process=\"evil\\nsocket\"");
    QTest::newRow("name with a quote")
        << qint64(10) << "a\"b" << QByteArray(" pid=10 process=\"a\\\"b\"");
}

void tst_SocketListing::formatsOneLine() {
    QFETCH(qint64, pid);
    QFETCH(QString, process);
    QFETCH(QByteArray, ownerFields);
    SystemSocket s;
    s.state = TcpState::Listen;
    s.local = QStringLiteral("127.0.0.1:631");
    s.remote = QStringLiteral("0.0.0.0:0");
    s.rxQueue = 3;
    s.txQueue = 4096;
    s.uid = 0;
    s.inode = 123;
    s.pid = pid;
    s.process = process;
    QCOMPARE(formatSystemSocketLine(s),
             "socket state=LISTEN local=127.0.0.1:631 remote=0.0.0.0:0 rx-queue=3 tx-queue=4096 "
             "uid=0 inode=123" +
                 ownerFields + '\n');
}

void tst_SocketListing::formatsPortRange() {
    QCOMPARE(formatPortRangeLine(PortRange{32768, 60999}),
             QByteArray("ephemeral-ports first=32768 last=60999\n"));
}

void tst_SocketListing::optionImpliesHeadless() {
    // Listing needs no window, so it works over ssh without a display.
    const ParseOutcome outcome =
        parseCommandLine({QStringLiteral("sockscope"), QStringLiteral("--list-sockets")});
    QVERIFY(outcome.commandLine);
    QVERIFY(outcome.commandLine->listSockets);
    QVERIFY(outcome.commandLine->headless);
    const ParseOutcome help =
        parseCommandLine({QStringLiteral("sockscope"), QStringLiteral("--help")});
    QVERIFY(help.output.contains(u"--list-sockets"));
}

void tst_SocketListing::executableListsOurListener() {
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QProcess sockscope;
    sockscope.start(QStringLiteral(SOCKSCOPE_BINARY), {QStringLiteral("--list-sockets")});
    QVERIFY(sockscope.waitForFinished(30000));
    QCOMPARE(sockscope.exitStatus(), QProcess::NormalExit);
    QCOMPARE(sockscope.exitCode(), 0);
    const QList<QByteArray> lines = sockscope.readAllStandardOutput().split('\n');
    const QByteArray ours =
        "socket state=LISTEN local=127.0.0.1:" + QByteArray::number(server.serverPort()) +
        " remote=0.0.0.0:0 ";
    const auto line = std::find_if(lines.begin(), lines.end(),
                                   [&](const QByteArray& l) { return l.startsWith(ours); });
    QVERIFY2(line != lines.end(), ours.constData());
    // Another process found this one as the owner.
    QVERIFY2(line->contains(" pid=" + QByteArray::number(QCoreApplication::applicationPid()) +
                            " process="),
             line->constData());
    // Every line names what it is; the port range comes last.
    QVERIFY(lines.last().isEmpty());
    for (qsizetype i = 0; i + 2 < lines.size(); ++i)
        QVERIFY2(lines[i].startsWith("socket state="), lines[i].constData());
    QVERIFY2(lines[lines.size() - 2].startsWith("ephemeral-ports first="),
             lines[lines.size() - 2].constData());
}

void tst_SocketListing::refusesToCombineWithSessionOptions() {
    QProcess sockscope;
    sockscope.start(QStringLiteral(SOCKSCOPE_BINARY),
                    {QStringLiteral("--list-sockets"), QStringLiteral("--listen"),
                     QStringLiteral("localhost:0")});
    QVERIFY(sockscope.waitForFinished(30000));
    QCOMPARE(sockscope.exitCode(), 2);
    QVERIFY(sockscope.readAllStandardError().contains("--list-sockets"));
}

QTEST_GUILESS_MAIN(tst_SocketListing)
#include "tst_socketlisting.moc"
