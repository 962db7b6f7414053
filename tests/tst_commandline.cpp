// The command line is a public interface: every option, and clear errors.
#include "base/version.h"
#include "cli/commandline.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <sys/stat.h>

using namespace sockscope;

namespace {
ParseOutcome parse(QStringList args) {
    args.prepend(QStringLiteral("sockscope"));
    return parseCommandLine(args);
}
} // namespace

class tst_CommandLine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listenersTakeBacklogAndResponder();
    void clientsTakePayloadAndHalfClose();
    void clientsTakeSocketOptions();
    void abortAfterAppliesToClientsAndAcceptedConnections_data();
    void abortAfterAppliesToClientsAndAcceptedConnections();
    void budgetSizes_data();
    void budgetSizes();
    void timesInWholeMilliseconds_data();
    void timesInWholeMilliseconds();
    void badArguments_data();
    void badArguments();
    void filesThatAreNotRegularAreRefused_data();
    void filesThatAreNotRegularAreRefused();
    void helpAndVersionExitZero();
};

void tst_CommandLine::listenersTakeBacklogAndResponder() {
    const ParseOutcome outcome = parse({"--headless", "--listen", "localhost:0", "--listen",
                                        "[::1]:8080", "--backlog", "7", "--respond", "echo"});
    QVERIFY2(outcome.commandLine, qPrintable(outcome.error));
    const CommandLine& cl = *outcome.commandLine;
    QVERIFY(cl.headless);
    QCOMPARE(cl.listeners.size(), 2);
    QCOMPARE(cl.listeners[0].address, QStringLiteral("localhost"));
    QCOMPARE(cl.listeners[0].port, quint16(0));
    QCOMPARE(cl.listeners[1].address, QStringLiteral("::1"));
    QCOMPARE(cl.listeners[1].port, quint16(8080));
    QCOMPARE(cl.listeners[1].backlog, 7);
    QCOMPARE(cl.listeners[1].responder.kind, ResponderConfig::Kind::Echo);
}

void tst_CommandLine::clientsTakePayloadAndHalfClose() {
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write(QByteArray("\x00\x01", 2));
    file.close();
    const ParseOutcome outcome =
        parse({"--connect", "example.invalid:80", "--send", "hi ", "--send-file", file.fileName(),
               "--half-close", "--connect-timeout", "2.5", "--export", "/tmp/x.pcap"});
    QVERIFY2(outcome.commandLine, qPrintable(outcome.error));
    const CommandLine& cl = *outcome.commandLine;
    QVERIFY(!cl.headless);
    QCOMPARE(cl.clients.size(), 1);
    QCOMPARE(cl.clients[0].host, QStringLiteral("example.invalid"));
    QCOMPARE(cl.clients[0].sendOnConnect, QByteArray("hi "));
    // The file is opened, not read: it is streamed once connected.
    QVERIFY(cl.clients[0].sendFile);
    QCOMPARE(cl.clients[0].sendFile->path(), file.fileName());
    QVERIFY(cl.clients[0].halfCloseAfterSend);
    QCOMPARE(cl.clients[0].connectTimeoutMs, 2500);
    QCOMPARE(cl.exportPath, QStringLiteral("/tmp/x.pcap"));
}

void tst_CommandLine::clientsTakeSocketOptions() {
    const ParseOutcome plain = parse({"--connect", "localhost:80"});
    QVERIFY2(plain.commandLine, qPrintable(plain.error));
    const ClientConfig& defaults = plain.commandLine->clients.at(0);
    QVERIFY(!defaults.bindsSource());
    QVERIFY(!defaults.noDelay);
    QVERIFY(!defaults.keepAlive);
    QVERIFY(!defaults.abortAfterMs);

    const ParseOutcome outcome = parse({"--connect", "localhost:80", "--connect", "[::1]:81",
                                        "--source", "[::1]:40000", "--nodelay", "--keepalive"});
    QVERIFY2(outcome.commandLine, qPrintable(outcome.error));
    for (const ClientConfig& client : outcome.commandLine->clients) {
        QCOMPARE(client.sourceAddress, QStringLiteral("::1"));
        QCOMPARE(client.sourcePort, quint16(40000));
        QVERIFY(client.noDelay);
        QVERIFY(client.keepAlive);
    }
    const ParseOutcome anyPort = parse({"--connect", "localhost:80", "--source", "localhost:0"});
    QVERIFY2(anyPort.commandLine, qPrintable(anyPort.error));
    QCOMPARE(anyPort.commandLine->clients.at(0).sourceAddress, QStringLiteral("localhost"));
    QVERIFY(anyPort.commandLine->clients.at(0).bindsSource());
}

void tst_CommandLine::abortAfterAppliesToClientsAndAcceptedConnections_data() {
    QTest::addColumn<QString>("seconds");
    QTest::addColumn<int>("ms");
    QTest::newRow("whole") << "2" << 2000;
    QTest::newRow("fraction") << "0.25" << 250;
    QTest::newRow("at once") << "0" << 0;
    QTest::newRow("a day") << "86400" << 86'400'000;
}

void tst_CommandLine::abortAfterAppliesToClientsAndAcceptedConnections() {
    QFETCH(QString, seconds);
    QFETCH(int, ms);
    const ParseOutcome outcome =
        parse({"--listen", "localhost:0", "--connect", "localhost:80", "--abort-after", seconds});
    QVERIFY2(outcome.commandLine, qPrintable(outcome.error));
    QCOMPARE(outcome.commandLine->listeners.at(0).abortAfterMs, std::optional<int>(ms));
    QCOMPARE(outcome.commandLine->clients.at(0).abortAfterMs, std::optional<int>(ms));
}

void tst_CommandLine::budgetSizes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("bytes");
    QTest::newRow("plain") << "1000" << qint64(1000);
    QTest::newRow("k") << "64k" << qint64(64 * 1024);
    QTest::newRow("M") << "256M" << qint64(256) * 1024 * 1024;
    QTest::newRow("G") << "2G" << qint64(2) * 1024 * 1024 * 1024;
}

void tst_CommandLine::budgetSizes() {
    QFETCH(QString, text);
    QFETCH(qint64, bytes);
    const ParseOutcome outcome = parse({"--capture-budget", text});
    QVERIFY2(outcome.commandLine, qPrintable(outcome.error));
    QCOMPARE(outcome.commandLine->capture.budget, bytes);
}

void tst_CommandLine::timesInWholeMilliseconds_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("connectTimeoutMs");
    QTest::addColumn<double>("durationSeconds");
    QTest::newRow("smallest") << QStringList{"--connect-timeout", "0.001", "--duration", "0.001"}
                              << 1 << 0.001;
    QTest::newRow("rounded") << QStringList{"--connect-timeout", "0.0015", "--duration", "1.2345"}
                             << 2 << 1.235;
    QTest::newRow("largest") << QStringList{"--connect-timeout", "3600", "--duration", "2073600"}
                             << 3'600'000 << 2'073'600.0;
}

void tst_CommandLine::timesInWholeMilliseconds() {
    QFETCH(QStringList, args);
    QFETCH(int, connectTimeoutMs);
    QFETCH(double, durationSeconds);
    const ParseOutcome outcome = parse(args << "--connect"
                                            << "localhost:80");
    QVERIFY2(outcome.commandLine, qPrintable(outcome.error));
    QCOMPARE(outcome.commandLine->clients.at(0).connectTimeoutMs, connectTimeoutMs);
    QCOMPARE(outcome.commandLine->durationSeconds, durationSeconds);
}

void tst_CommandLine::badArguments_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("listen without port") << QStringList{"--listen", "localhost"} << "no port";
    QTest::newRow("port too big") << QStringList{"--listen", "localhost:65536"} << "65536";
    QTest::newRow("bad bind address") << QStringList{"--listen", "nowhere:1"} << "nowhere";
    QTest::newRow("bare ipv6") << QStringList{"--listen", "::1:80"} << "brackets";
    QTest::newRow("responder") << QStringList{"--respond", "yell"} << "yell";
    QTest::newRow("reply file") << QStringList{"--respond", "reply:/no/such/file"}
                                << "/no/such/file";
    QTest::newRow("forward without port")
        << QStringList{"--respond", "forward:example.test"} << "has no port";
    QTest::newRow("forward to port 0")
        << QStringList{"--respond", "forward:127.0.0.1:0"} << "not 0";
    QTest::newRow("forward to itself")
        << QStringList{"--listen", "127.0.0.1:8080", "--respond", "forward:127.0.0.1:8080"}
        << "this listener itself";
    QTest::newRow("rewrite without relay")
        << QStringList{"--rewrite", "s/a/b/"} << "forward:HOST:PORT";
    QTest::newRow("bad rewrite") << QStringList{"--respond", "forward:127.0.0.1:1", "--rewrite",
                                                "s/a/b"}
                                 << "s/a/b";
    QTest::newRow("backlog") << QStringList{"--backlog", "-1"} << "--backlog";
    QTest::newRow("budget") << QStringList{"--capture-budget", "lots"} << "lots";
    QTest::newRow("duration") << QStringList{"--duration", "0"} << "--duration";
    QTest::newRow("connect port 0") << QStringList{"--connect", "localhost:0"} << "port 0";
    QTest::newRow("export format") << QStringList{"--export", "out.docx"} << "out.docx";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} << "frobnicate";
    QTest::newRow("positional") << QStringList{"stray"} << "stray";
    QTest::newRow("abort-after negative") << QStringList{"--abort-after", "-1"} << "--abort-after";
    QTest::newRow("abort-after too long") << QStringList{"--abort-after", "86401"} << "86401";
    QTest::newRow("abort-after word") << QStringList{"--abort-after", "soon"} << "soon";
    QTest::newRow("abort-after nan") << QStringList{"--abort-after", "nan"} << "nan";
    // Not finite, too large for a timer, or below its 1 ms resolution: a NaN
    // converted to int is undefined, and 0.0001 s became a 0 ms timeout.
    for (const char* option : {"--duration", "--connect-timeout", "--abort-after"}) {
        for (const char* value : {"nan", "-nan", "inf", "-inf", "1e300", "0.0001", "-0.5", ""}) {
            QTest::addRow("%s %s", option, value)
                << QStringList{option, value}
                << QStringLiteral("%1: '%2' is not").arg(option, value);
        }
    }
    QTest::newRow("duration over 24 days") << QStringList{"--duration", "2073601"} << "2073600";
    QTest::newRow("connect-timeout 0") << QStringList{"--connect-timeout", "0"} << "0.001 to 3600";
    QTest::newRow("budget two suffixes") << QStringList{"--capture-budget", "1mk"} << "1mk";
    QTest::newRow("budget nan") << QStringList{"--capture-budget", "nan"} << "nan";
    QTest::newRow("budget fraction") << QStringList{"--capture-budget", "1.5G"} << "1.5G";
    QTest::newRow("backlog nan") << QStringList{"--backlog", "nan"} << "--backlog";
    QTest::newRow("backlog huge") << QStringList{"--backlog", "1e300"} << "--backlog";
    QTest::newRow("port nan") << QStringList{"--listen", "localhost:nan"} << "not a port";
    QTest::newRow("port negative") << QStringList{"--connect", "localhost:-1"} << "not a port";
    QTest::newRow("keep head nan") << QStringList{"--keep", "head:nan"} << "--keep";
    QTest::newRow("source without port") << QStringList{"--source", "127.0.0.1"} << "no port";
    QTest::newRow("source not an address")
        << QStringList{"--source", "example.org:0"} << "example.org";
}

void tst_CommandLine::badArguments() {
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const ParseOutcome outcome = parse(args);
    QVERIFY(!outcome.commandLine);
    QCOMPARE(outcome.exitCode, 2);
    QVERIFY2(outcome.error.contains(mentions), qPrintable(outcome.error));
}

// /dev/zero never ends (it aborted with std::bad_alloc) and opening a FIFO
// blocked start-up until a writer came: both are refused at once, by name.
void tst_CommandLine::filesThatAreNotRegularAreRefused_data() {
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("send-file") << "--send-file"
                               << "";
    QTest::newRow("reply") << "--respond"
                           << "reply:";
}

void tst_CommandLine::filesThatAreNotRegularAreRefused() {
    QFETCH(QString, option);
    QFETCH(QString, prefix);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QList<QPair<QString, QString>> cases{
        {QStringLiteral("/dev/zero"), QStringLiteral("a character device")},
        {fifo, QStringLiteral("a FIFO")},
        {dir.path(), QStringLiteral("a folder")}};
    for (const auto& [path, kind] : cases) {
        const ParseOutcome outcome =
            parse({"--connect", "localhost:80", "--listen", "localhost:0", option, prefix + path});
        QVERIFY2(!outcome.commandLine, qPrintable(path));
        QCOMPARE(outcome.exitCode, 2);
        QVERIFY2(outcome.error.contains(path), qPrintable(outcome.error));
        QVERIFY2(outcome.error.contains(kind), qPrintable(outcome.error));
        QVERIFY2(outcome.error.contains(u"not a regular file"), qPrintable(outcome.error));
    }
}

void tst_CommandLine::helpAndVersionExitZero() {
    const ParseOutcome help = parse({"--help"});
    QVERIFY(!help.commandLine);
    QCOMPARE(help.exitCode, 0);
    for (const char* option : {"--listen", "--backlog", "--respond", "--connect", "--send",
                               "--send-file", "--export", "--duration", "--capture-budget",
                               "--source", "--nodelay", "--keepalive", "--abort-after"})
        QVERIFY2(help.output.contains(QLatin1String(option)), option);
    const ParseOutcome version = parse({"--version"});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.output, QStringLiteral("sockscope " SOCKSCOPE_VERSION "\n"));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
