// Listeners that answer by themselves, against real peers, including the
// HOWTO's one-exchange client that half-closes after a large request.
#include "enginerecorder.h"
#include "rawpeer.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>

#include <sys/socket.h>

#include <vector>

using namespace sockscope;

class tst_Responders : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void echoReturnsEveryByteAfterPeerHalfClose_data();
    void echoReturnsEveryByteAfterPeerHalfClose();
    void discardReadsAndCloses();
    void replySendsFileThenCloses();
    void replyStreamsToSeveralConnectionsAtOnce();
    void replyFileThatShrinksEndsTheConnection();
    void manualOnlyCaptures();
    void parsesSpecs_data();
    void parsesSpecs();

private:
    int startListener(Engine& engine, EngineRecorder& recorder, ResponderConfig responder,
                      const QString& address = QStringLiteral("localhost"));
};

int tst_Responders::startListener(Engine& engine, EngineRecorder& recorder,
                                  ResponderConfig responder, const QString& address) {
    ListenerConfig config;
    config.address = address;
    config.responder = std::move(responder);
    const int id = engine.startListener(config);
    if (!QTest::qWaitFor([&] { return recorder.listenPort(id) != 0; }, 5000))
        return -1;
    return id;
}

void tst_Responders::echoReturnsEveryByteAfterPeerHalfClose_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("size");
    QTest::newRow("small ipv4") << "localhost"
                                << "127.0.0.1" << 5;
    QTest::newRow("10 MiB ipv4") << "localhost"
                                 << "127.0.0.1" << 10 * 1024 * 1024;
    QTest::newRow("10 MiB ipv6") << "::1"
                                 << "::1" << 10 * 1024 * 1024 + 7;
}

void tst_Responders::echoReturnsEveryByteAfterPeerHalfClose() {
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(int, size);
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty())
        QSKIP("python3 is the real peer here and is not installed");
    Engine engine; // own thread: the peer below runs in another process anyway
    EngineRecorder recorder(&engine);
    ResponderConfig echo;
    echo.kind = ResponderConfig::Kind::Echo;
    const int id = startListener(engine, recorder, echo, address);
    QVERIFY(id > 0);
    QProcess peer;
    peer.start(python, {QStringLiteral(SOCKSCOPE_TESTS_DIR "/peers/one_exchange_client.py"), host,
                        QString::number(recorder.listenPort(id)), QString::number(size)});
    QVERIFY(peer.waitForFinished(120000));
    QCOMPARE(peer.exitCode(), 0);
    const QStringList result = QString::fromUtf8(peer.readAllStandardOutput()).split(u' ');
    QCOMPARE(result.size(), 3);
    QCOMPARE(result[0].toInt(), size);
    QCOMPARE(result[2].trimmed(), result[1].trimmed()); // same bytes back
    QTRY_VERIFY(recorder.has(EventKind::Close, -1));
    QVERIFY(recorder.has(EventKind::Accept, -1, id));
    const int conn = recorder.find(EventKind::Accept, -1, id)->conn;
    QCOMPARE(recorder.bytes(conn, Direction::In), qint64(size));
    QCOMPARE(recorder.bytes(conn, Direction::Out), qint64(size));
    QCOMPARE(recorder.find(EventKind::Close, conn)->by, Closer::Peer);
}

void tst_Responders::discardReadsAndCloses() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    ResponderConfig discard;
    discard.kind = ResponderConfig::Kind::Discard;
    const int id = startListener(engine, recorder, discard);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, recorder.listenPort(id));
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    client.write(QByteArray(300000, 'd'));
    QTRY_COMPARE(client.bytesToWrite(), qint64(0));
    ::shutdown(int(client.socketDescriptor()), SHUT_WR);
    QTRY_COMPARE(client.state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(client.readAll(), QByteArray());
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, id));
    const int conn = recorder.find(EventKind::Accept, -1, id)->conn;
    QTRY_VERIFY(recorder.has(EventKind::Close, conn));
    QCOMPARE(recorder.bytes(conn, Direction::In), qint64(300000));
    QCOMPARE(recorder.bytes(conn, Direction::Out), qint64(0));
}

void tst_Responders::replySendsFileThenCloses() {
    QTemporaryFile file;
    QVERIFY(file.open());
    const QByteArray response = "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    file.write(response);
    file.close();
    QString error;
    const auto reply = ResponderConfig::parse(QStringLiteral("reply:") + file.fileName(), &error);
    QVERIFY2(reply, qPrintable(error));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = startListener(engine, recorder, *reply);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, recorder.listenPort(id));
    client.write("GET / HTTP/1.0\r\n\r\n");
    // The reply arrives, followed by the server's FIN.
    QTRY_COMPARE(client.bytesAvailable(), qint64(response.size()));
    QCOMPARE(client.readAll(), response);
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, id));
    const int conn = recorder.find(EventKind::Accept, -1, id)->conn;
    QTRY_VERIFY(recorder.has(EventKind::HalfClose, conn));
    QCOMPARE(recorder.find(EventKind::HalfClose, conn)->by, Closer::Local);
    client.disconnectFromHost();
    QTRY_VERIFY(recorder.has(EventKind::Close, conn));
    QCOMPARE(recorder.find(EventKind::Listen, 0, id)->responder,
             QStringLiteral("reply:") + file.fileName());
}

// Each connection reads the file on its own, a chunk at a time as its peer
// takes it: one that does not read yet holds no one else back.
void tst_Responders::replyStreamsToSeveralConnectionsAtOnce() {
    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray content(12 * 1024 * 1024 + 5, Qt::Uninitialized);
    QRandomGenerator generator(14);
    for (char& byte : content)
        byte = char(generator.bounded(256));
    QCOMPARE(file.write(content), qint64(content.size()));
    file.close();
    QString error;
    const auto reply = ResponderConfig::parse(QStringLiteral("reply:") + file.fileName(), &error);
    QVERIFY2(reply, qPrintable(error));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = startListener(engine, recorder, *reply);
    std::vector<RawPeer> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(RawPeer::connectToLoopback(recorder.listenPort(id)));
        QVERIFY(clients.back().write("GET / HTTP/1.0\r\n\r\n"));
    }
    // Every pass reads from each of the first n clients.
    const auto readToEnd = [&clients](std::size_t n) {
        bool all = true;
        for (std::size_t i = 0; i < n; ++i)
            all = clients[i].poll() && all;
        return all;
    };
    // The first three read it all while the fourth has not read a byte.
    QTRY_VERIFY_WITH_TIMEOUT(readToEnd(clients.size() - 1), 60000);
    QVERIFY(clients.back().received.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(readToEnd(clients.size()), 60000);
    for (const RawPeer& client : clients)
        QVERIFY(client.received == content);
}

void tst_Responders::replyFileThatShrinksEndsTheConnection() {
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(QByteArray(32 * 1024 * 1024, 'x')), qint64(32 * 1024 * 1024));
    file.close();
    QString error;
    const auto reply = ResponderConfig::parse(QStringLiteral("reply:") + file.fileName(), &error);
    QVERIFY2(reply, qPrintable(error));
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = startListener(engine, recorder, *reply);
    RawPeer client = RawPeer::connectToLoopback(recorder.listenPort(id));
    QVERIFY(client.write("GET"));
    QTRY_VERIFY(recorder.has(EventKind::Accept, -1, id));
    const int conn = recorder.find(EventKind::Accept, -1, id)->conn;
    // The kernel's buffers fill while the client does not read.
    QTRY_VERIFY(recorder.bytes(conn, Direction::Out) > 0);
    QVERIFY(QFile::resize(file.fileName(), 0));
    QTRY_VERIFY_WITH_TIMEOUT((client.poll(), recorder.has(EventKind::Error, conn)), 60000);
    const CaptureEvent failed = *recorder.find(EventKind::Error, conn);
    QCOMPARE(failed.error, ErrorCode::FileReadFailed);
    QVERIFY2(failed.message.contains(u"shrank"), qPrintable(failed.message));
    // Not a short reply that looks whole: the client never gets all of it.
    QTRY_VERIFY(client.poll());
    QVERIFY(client.received.size() < 32 * 1024 * 1024);
}

void tst_Responders::manualOnlyCaptures() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    const int id = startListener(engine, recorder, ResponderConfig{});
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, recorder.listenPort(id));
    client.write("anyone there?");
    QTRY_VERIFY(recorder.has(EventKind::Data, -1));
    const int conn = recorder.find(EventKind::Accept, -1, id)->conn;
    QCOMPARE(recorder.stream(conn, Direction::In), QByteArray("anyone there?"));
    // An echo would have been written in the same pass as the read, so it
    // would be in the same batch.
    QCOMPARE(recorder.bytes(conn, Direction::Out), qint64(0));
}

void tst_Responders::parsesSpecs_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("valid");
    QTest::newRow("manual") << "manual" << true;
    QTest::newRow("echo") << "echo" << true;
    QTest::newRow("discard") << "discard" << true;
    QTest::newRow("reply without file") << "reply:" << false;
    QTest::newRow("reply missing file") << "reply:/nonexistent/file" << false;
    QTest::newRow("reply from a device") << "reply:/dev/zero" << false;
    QTest::newRow("reply from a folder") << "reply:/tmp" << false;
    QTest::newRow("unknown") << "shout" << false;
}

void tst_Responders::parsesSpecs() {
    QFETCH(QString, spec);
    QFETCH(bool, valid);
    QString error;
    const auto parsed = ResponderConfig::parse(spec, &error);
    QCOMPARE(parsed.has_value(), valid);
    if (valid)
        QCOMPARE(parsed->name(), spec);
    else
        QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(tst_Responders)
#include "tst_responders.moc"
