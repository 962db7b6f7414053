// Scenarios (docs/scenario-format.md): the file's faults are refused with
// their place, and the steps run against a real server on loopback.
#include "cli/scenario.h"
#include "cli/scenariorunner.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace sockscope;

namespace {
using Outcome = ScenarioStepResult::Outcome;

// A line server: greets with "HELLO\r\n", answers each line L with
// "ACK <n> L\r\n" (n counts from 1), sends its FIN after the client's; the
// greeting comes in three pieces 30 ms apart, so an expect must wait for
// all of them.
class LineServer : public QObject {
public:
    LineServer() {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = m_server.nextPendingConnection();
            for (int piece = 0; piece < 3; ++piece) {
                QTimer::singleShot(30 * piece, socket, [socket, piece] {
                    socket->write(QByteArray("HELLO\r\n").mid(piece * 3, piece == 2 ? -1 : 3));
                });
            }
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_received += socket->peek(socket->bytesAvailable());
                while (socket->canReadLine()) {
                    const QByteArray line = socket->readLine().trimmed();
                    socket->write("ACK " + QByteArray::number(++m_count) + ' ' + line + "\r\n");
                }
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QTcpSocket::readChannelFinished, socket,
                    [socket] { socket->disconnectFromHost(); });
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray received() const { return m_received; }

private:
    QTcpServer m_server;
    QByteArray m_received;
    int m_count = 0;
};
} // namespace

class tst_Scenario : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void faultsAreRefusedWithTheirPlace_data();
    void faultsAreRefusedWithTheirPlace();
    void filesAndLibraryComeFromTheScenarioFolder();
    void stepsRunAgainstALiveServer();
    void aDifferingByteFailsTheStepAndSkipsTheRest();
    void aRefusedConnectIsUnreachable();
    void aRegexWaitsForWhatMoreBytesCouldComplete();
    void stopFromAReceiverStopsTheNextStep();

private:
    std::optional<Scenario> load(const QByteArray& json, QString* error,
                                 const ScenarioLoadOptions& options = {});
    // Runs scenario and returns each step's result, in order, and how it ended.
    QList<ScenarioStepResult> run(Scenario scenario, ScenarioRunner::Result* result);

    QTemporaryDir m_dir;
};

std::optional<Scenario> tst_Scenario::load(const QByteArray& json, QString* error,
                                           const ScenarioLoadOptions& options) {
    const QString path = m_dir.filePath(QStringLiteral("scenario.json"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size())
        return std::nullopt;
    file.close();
    return loadScenario(path, options, error);
}

QList<ScenarioStepResult> tst_Scenario::run(Scenario scenario, ScenarioRunner::Result* result) {
    Engine engine;
    ScenarioRunner runner(&engine, std::move(scenario));
    QList<ScenarioStepResult> results;
    connect(&runner, &ScenarioRunner::stepFinished, this,
            [&results](const ScenarioStepResult& r) { results.append(r); });
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.start();
    [&] {
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    }();
    if (!finished.isEmpty())
        *result = finished.constFirst().constFirst().value<ScenarioRunner::Result>();
    return results;
}

void tst_Scenario::faultsAreRefusedWithTheirPlace_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("place");
    const QByteArray head = R"({"sockscope_scenario": 1, "steps": [{"connect": "127.0.0.1:7"})";
    QTest::newRow("not json") << QByteArray("{") << "not JSON";
    QTest::newRow("version") << QByteArray(R"({"sockscope_scenario": 2, "steps": []})")
                             << "sockscope_scenario:";
    QTest::newRow("unknown key") << QByteArray(R"({"sockscope_scenario": 1, "step": []})")
                                 << "unknown key 'step'";
    QTest::newRow("no steps") << QByteArray(R"({"sockscope_scenario": 1})") << "steps:";
    QTest::newRow("two actions") << head + R"(, {"send": "a", "wait": 1}]})"
                                 << "steps[1]: a step is an object with exactly one";
    QTest::newRow("wait type") << head + R"(, {"wait": "1s"}]})"
                               << "steps[1].wait:";
    QTest::newRow("connect not first")
        << QByteArray(R"({"sockscope_scenario": 1, "steps": [{"wait": 1}]})")
        << "steps[0]: the first step must be a connect";
    QTest::newRow("second connect") << head + R"(, {"connect": "127.0.0.1:8"}]})"
                                    << "steps[1]: a scenario has one connection";
    QTest::newRow("port 0")
        << QByteArray(R"({"sockscope_scenario": 1, "steps": [{"connect": "127.0.0.1:0"}]})")
        << "steps[0].connect: port 0";
    QTest::newRow("bad regex") << head + R"(, {"expect": {"regex": "("}}]})"
                               << "steps[1].expect.regex: bad regular expression at offset";
    QTest::newRow("bad hex") << head + R"(, {"send": {"hex": "zz"}}]})"
                             << "steps[1].send.hex:";
    QTest::newRow("missing file") << head + R"(, {"send": {"file": "nowhere.bin"}}]})"
                                  << "steps[1].send.file: cannot read";
    QTest::newRow("no library") << head + R"(, {"send": {"library": "Power"}}]})"
                                << "steps[1].send.library: no \"library\" file";
    QTest::newRow("ignore_case on hex")
        << head + R"(, {"expect": {"hex": "00", "ignore_case": true}}]})"
        << "steps[1].expect.ignore_case:";
    QTest::newRow("timeout type") << head + R"(, {"expect": "x", "timeout_ms": -5}]})"
                                  << "steps[1].timeout_ms:";
    QTest::newRow("tls type") << QByteArray(R"({"sockscope_scenario": 1, "steps": )"
                                            R"([{"connect": "h:1", "tls": {"verify": "no"}}]})")
                              << "steps[0].tls.verify:";
    QTest::newRow("close value") << head + R"(, {"close": "later"}]})"
                                 << "steps[1].close:";
}

void tst_Scenario::faultsAreRefusedWithTheirPlace() {
    QFETCH(QByteArray, json);
    QFETCH(QString, place);
    QString error;
    QVERIFY(!load(json, &error));
    QVERIFY2(error.contains(place), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("scenario.json")), qPrintable(error));
}

void tst_Scenario::filesAndLibraryComeFromTheScenarioFolder() {
    QFile payload(m_dir.filePath(QStringLiteral("payload.bin")));
    QVERIFY(payload.open(QIODevice::WriteOnly));
    payload.write(QByteArray("\x00\x01\xff", 3));
    payload.close();
    QFile library(m_dir.filePath(QStringLiteral("messages.json")));
    QVERIFY(library.open(QIODevice::WriteOnly));
    library.write(R"({"sockscopeMessages": 1, "messages": [{"name": "Power on", "format": "text",
                   "text": "%1POWR 1", "lineEnding": "crlf"}]})");
    library.close();
    QString error;
    const auto scenario = load(R"({"sockscope_scenario": 1, "library": "messages.json",
        "steps": [{"connect": "[::1]:4352", "tls": {"alpn": ["pjlink"]}},
                  {"send": {"file": "payload.bin"}}, {"send": {"library": "Power on"}},
                  {"expect": {"text": "%1powr=ok", "ignore_case": true}}]})",
                               &error);
    QVERIFY2(scenario, qPrintable(error));
    QCOMPARE(scenario->steps.at(0).connect.host, QStringLiteral("::1"));
    QCOMPARE(scenario->steps.at(0).connect.tls.alpn, QStringList{QStringLiteral("pjlink")});
    QVERIFY(scenario->steps.at(0).connect.tls.verify);
    QCOMPARE(scenario->steps.at(1).bytes, QByteArray("\x00\x01\xff", 3));
    QCOMPARE(scenario->steps.at(2).bytes, QByteArray("%1POWR 1\r\n"));
    // Case-blind text is matched as the escaped literal.
    QVERIFY(scenario->steps.at(3).regex.match(QStringLiteral("%1POWR=OK")).hasMatch());

    // Without a "library" key, the window's own messages answer.
    ScenarioLoadOptions options;
    options.library = [](const QString& name) -> std::optional<QByteArray> {
        return name == u"ping" ? std::optional(QByteArray("PING\r\n")) : std::nullopt;
    };
    const QByteArray steps = R"({"sockscope_scenario": 1, "steps": [{"connect": "h:1"},
        {"send": {"library": "%1"}}]})";
    const auto windowed = load(QByteArray(steps).replace("%1", "ping"), &error, options);
    QVERIFY2(windowed, qPrintable(error));
    QCOMPARE(windowed->steps.at(1).bytes, QByteArray("PING\r\n"));
    QVERIFY(!load(QByteArray(steps).replace("%1", "pong"), &error, options));
    QVERIFY2(error.contains(QStringLiteral("no message named 'pong'")), qPrintable(error));
}

void tst_Scenario::stepsRunAgainstALiveServer() {
    LineServer server;
    QString error;
    const auto scenario = load(QStringLiteral(R"({"sockscope_scenario": 1, "timeout_ms": 5000,
        "steps": [{"connect": "127.0.0.1:%1"}, {"expect": "HELLO\r\n"},
                  {"send": "one\n"}, {"expect": {"regex": "ACK (?<n>\\d+) one\\r\\n"}},
                  {"wait": 10}, {"send": {"hex": "74 77 6f 0a"}},
                  {"expect": {"hex": "41 43 4b 20 32 20 74 77 6f 0d 0a"}},
                  {"half_close": true}, {"expect": {"eof": true}}, {"close": true}]})")
                                   .arg(server.port())
                                   .toUtf8(),
                               &error);
    QVERIFY2(scenario, qPrintable(error));
    ScenarioRunner::Result result = ScenarioRunner::Result::Fail;
    const QList<ScenarioStepResult> results = run(*scenario, &result);
    QCOMPARE(results.size(), 10);
    for (const ScenarioStepResult& r : results)
        QVERIFY2(r.outcome == Outcome::Ok,
                 qPrintable(QStringLiteral("step %1: %2").arg(r.step + 1).arg(r.reason)));
    QCOMPARE(result, ScenarioRunner::Result::Pass);
    QVERIFY(results.at(0).local.startsWith(QStringLiteral("127.0.0.1:")));
    QCOMPARE(results.at(2).bytes, 4);
    QCOMPARE(server.received(), QByteArray("one\ntwo\n"));
}

void tst_Scenario::aDifferingByteFailsTheStepAndSkipsTheRest() {
    LineServer server;
    QString error;
    const auto scenario =
        load(QStringLiteral(R"({"sockscope_scenario": 1, "steps": [{"connect": "127.0.0.1:%1"},
            {"expect": "HELLO\r\n"}, {"send": "x\n"}, {"expect": "ACK 1 y\r\n"},
            {"send": "never\n"}]})")
                 .arg(server.port())
                 .toUtf8(),
             &error);
    QVERIFY2(scenario, qPrintable(error));
    ScenarioRunner::Result result = ScenarioRunner::Result::Pass;
    const QList<ScenarioStepResult> results = run(*scenario, &result);
    QCOMPARE(result, ScenarioRunner::Result::Fail);
    QCOMPARE(results.size(), 5);
    const ScenarioStepResult& failed = results.at(3);
    QCOMPARE(failed.outcome, Outcome::Fail);
    QCOMPARE(failed.offset, 6);
    QCOMPARE(failed.expected, QByteArray("y\r\n"));
    QCOMPARE(failed.got, QByteArray("x\r\n"));
    QCOMPARE(failed.reason, QStringLiteral("differs"));
    QCOMPARE(results.at(4).outcome, Outcome::Skipped);
    QVERIFY(!server.received().contains("never"));
}

void tst_Scenario::aRefusedConnectIsUnreachable() {
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        closedPort = probe.serverPort();
    }
    QString error;
    const auto scenario = load(QStringLiteral(R"({"sockscope_scenario": 1,
        "steps": [{"connect": "127.0.0.1:%1"}, {"send": "x"}]})")
                                   .arg(closedPort)
                                   .toUtf8(),
                               &error);
    QVERIFY2(scenario, qPrintable(error));
    ScenarioRunner::Result result = ScenarioRunner::Result::Pass;
    const QList<ScenarioStepResult> results = run(*scenario, &result);
    QCOMPARE(result, ScenarioRunner::Result::Unreachable);
    QCOMPARE(results.size(), 2);
    QVERIFY2(results.at(0).reason.contains(QStringLiteral("ECONNREFUSED")),
             qPrintable(results.at(0).reason));
    QCOMPARE(results.at(1).outcome, Outcome::Skipped);
}

void tst_Scenario::aRegexWaitsForWhatMoreBytesCouldComplete() {
    // "h\xc3" then "\xa9llo 12", then "34\n": a character and a number cut
    // between reads still match whole.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    connect(&server, &QTcpServer::newConnection, this, [&server] {
        QTcpSocket* socket = server.nextPendingConnection();
        socket->write("h\xc3");
        QTimer::singleShot(40, socket, [socket] { socket->write("\xa9llo 12"); });
        QTimer::singleShot(80, socket, [socket] { socket->write("34\n"); });
    });
    QString error;
    const auto scenario = load(QStringLiteral(R"({"sockscope_scenario": 1,
        "steps": [{"connect": "127.0.0.1:%1"}, {"expect": {"regex": "h\u00e9llo "}},
                  {"expect": {"regex": "\\d+"}}, {"expect": "\n"}]})")
                                   .arg(server.serverPort())
                                   .toUtf8(),
                               &error);
    QVERIFY2(scenario, qPrintable(error));
    ScenarioRunner::Result result = ScenarioRunner::Result::Fail;
    const QList<ScenarioStepResult> results = run(*scenario, &result);
    for (const ScenarioStepResult& r : results)
        QVERIFY2(r.outcome == Outcome::Ok,
                 qPrintable(QStringLiteral("step %1: %2").arg(r.step + 1).arg(r.reason)));
    QCOMPARE(result, ScenarioRunner::Result::Pass);
}

void tst_Scenario::stopFromAReceiverStopsTheNextStep() {
    LineServer server;
    QString error;
    const auto scenario = load(QStringLiteral(R"({"sockscope_scenario": 1,
        "steps": [{"connect": "127.0.0.1:%1"}, {"expect": "HELLO\r\n"}, {"send": "late\n"}]})")
                                   .arg(server.port())
                                   .toUtf8(),
                               &error);
    QVERIFY2(scenario, qPrintable(error));
    Engine engine;
    ScenarioRunner runner(&engine, *scenario);
    QList<ScenarioStepResult> results;
    connect(&runner, &ScenarioRunner::stepFinished, this, [&](const ScenarioStepResult& r) {
        results.append(r);
        if (r.step == 1 && r.outcome == Outcome::Ok)
            runner.stop();
    });
    QSignalSpy finished(&runner, &ScenarioRunner::finished);
    runner.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
    QCOMPARE(finished.constFirst().constFirst().value<ScenarioRunner::Result>(),
             ScenarioRunner::Result::Fail);
    QCOMPARE(results.size(), 3); // each step reported once
    QCOMPARE(results.at(1).outcome, Outcome::Ok);
    QCOMPARE(results.at(2).outcome, Outcome::Fail);
    QCOMPARE(results.at(2).reason, QStringLiteral("stopped"));
    QVERIFY(!server.received().contains("late"));
}

QTEST_GUILESS_MAIN(tst_Scenario)
#include "tst_scenario.moc"
