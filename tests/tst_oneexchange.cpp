// The HOWTO's one exchange from SockScope's own client: send a request,
// shut down the write side, read the whole reply, close; the Connect and
// Close events bound the exchange in time.
#include "enginerecorder.h"
#include "formats/sessionsummary.h"
#include "models/connectionsmodel.h"

#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

#include <algorithm>

using namespace sockscope;

class tst_OneExchange : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void halfClosingClientGetsTheWholeReply_data();
    void halfClosingClientGetsTheWholeReply();
};

void tst_OneExchange::halfClosingClientGetsTheWholeReply_data() {
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("replySize");
    QTest::newRow("1 MiB, ipv4") << "localhost"
                                 << "127.0.0.1" << 1024 * 1024;
    QTest::newRow("4 MiB + 3, ipv6") << "::1"
                                     << "::1" << 4 * 1024 * 1024 + 3;
}

void tst_OneExchange::halfClosingClientGetsTheWholeReply() {
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(int, replySize);
    QByteArray reply(replySize, Qt::Uninitialized);
    QRandomGenerator generator(replySize);
    for (char& byte : reply)
        byte = char(generator.bounded(256));
    QTemporaryFile file;
    QVERIFY(file.open());
    QCOMPARE(file.write(reply), qint64(replySize));
    file.close();
    QString error;
    const auto responder =
        ResponderConfig::parse(QStringLiteral("reply:") + file.fileName(), &error);
    QVERIFY2(responder, qPrintable(error));

    Engine engine; // own thread, as in the application
    EngineRecorder recorder(&engine);
    ListenerConfig listen;
    listen.address = address;
    listen.responder = *responder;
    const int listener = engine.startListener(listen);
    QTRY_VERIFY(recorder.listenPort(listener) != 0);

    ClientConfig client;
    client.host = host;
    client.port = recorder.listenPort(listener);
    client.sendOnConnect = "GET / HTTP/1.0\r\n\r\n";
    client.halfCloseAfterSend = true;
    const int conn = engine.startClient(client);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.has(EventKind::Close, conn), 60000);

    QVERIFY(!recorder.has(EventKind::Error, conn));
    QCOMPARE(recorder.stream(conn, Direction::Out), client.sendOnConnect);
    QCOMPARE(recorder.bytes(conn, Direction::In), qint64(replySize));
    QVERIFY(recorder.stream(conn, Direction::In) == reply);
    // Our FIN went out after the request; the server's came after the reply.
    const auto halfClosed = [&](Closer by) {
        return recorder.find([&](const CaptureEvent& e) {
            return e.kind == EventKind::HalfClose && e.conn == conn && e.by == by;
        });
    };
    QVERIFY(halfClosed(Closer::Local));
    QVERIFY(halfClosed(Closer::Peer));
    const CaptureEvent connect = *recorder.find(EventKind::Connect, conn);
    const CaptureEvent connected = *recorder.find(EventKind::Connected, conn);
    const CaptureEvent close = *recorder.find(EventKind::Close, conn);
    QVERIFY(connect.timeUs <= connected.timeUs);
    QVERIFY(halfClosed(Closer::Local)->seq < halfClosed(Closer::Peer)->seq);
    QVERIFY(halfClosed(Closer::Peer)->seq < close.seq);
    // The close's `by` is whose FIN came first, ours; the window and the
    // report say what happened, not "closed by us".
    QCOMPARE(close.by, Closer::Local);
    const QString ending = u"We half-closed, then the peer closed"_qs;
    ConnectionsModel model;
    model.applyBatch(recorder.events, recorder.lastStats);
    QCOMPARE(model.indexOfConnection(conn).siblingAtColumn(ConnectionsModel::StateColumn).data(),
             QVariant(u"Closed, we first"_qs));
    QCOMPARE(model.indexOfConnection(conn).siblingAtColumn(ConnectionsModel::DetailColumn).data(),
             QVariant(ending));
    const SessionSummary summary = summarizeSession(recorder.events);
    const auto ours = std::find_if(summary.connections.cbegin(), summary.connections.cend(),
                                   [&](const ConnectionSummary& c) { return c.id == conn; });
    QVERIFY(ours != summary.connections.cend());
    QCOMPARE(ours->ending, ending);
    // The whole exchange, as a person reads it off the timeline.
    const qint64 totalUs = close.timeUs - connect.timeUs;
    QVERIFY(totalUs > 0);
    QVERIFY(totalUs < 60 * 1000 * 1000);
    qInfo("one exchange of %d bytes: %lld us from connect to close", replySize, totalUs);
}

QTEST_GUILESS_MAIN(tst_OneExchange)
#include "tst_oneexchange.moc"
