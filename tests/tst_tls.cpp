// TLS between real sockets on loopback, both ends SockScope's engine: the
// handshake inspector's fields, the records beside the plaintext, the
// failures that must name their cause, and files that cannot be used.
#include "engine/engine.h"
#include "engine/localca.h"
#include "enginerecorder.h"

#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace sockscope;

namespace {
QByteArray pattern(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i * 131 + i / 977);
    return bytes;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

std::optional<CaptureEvent> errorOf(const EngineRecorder& recorder, int conn, int listener = -1) {
    return recorder.find(EventKind::Error, conn, listener);
}
} // namespace

class tst_Tls : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void handshakeShowsWhatWasAgreedAndBytesCrossExactly();
    void wrongCaFailsNamingTheDepthWithTheServerHello();
    void unusableCertificateFilesAreRefusedByName_data();
    void unusableCertificateFilesAreRefusedByName();
    void garbageInsteadOfAHelloFailsThatConnectionOnly();
    void protocolNamesThatCannotGoOnTheWireAreRefused();

private:
    // A TLS echo listener with SockScope's own certificate, listening at *port.
    void startEchoListener(Engine& engine, EngineRecorder& recorder, quint16* port,
                           QStringList alpn = {});
    ClientConfig tlsClient(quint16 port, const QString& caFile) const;

    QTemporaryDir m_data; // XDG_DATA_HOME: the local CA lives here, not in the user's folder
    QString m_caFile;     // the local CA's certificate, as --export-ca writes it
};

void tst_Tls::initTestCase() {
    QVERIFY(m_data.isValid());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_data.path()));
    QString error;
    const std::shared_ptr<const LocalCa> ca = LocalCa::open(LocalCa::defaultDir(), &error);
    QVERIFY2(ca, qPrintable(error));
    QVERIFY(LocalCa::defaultDir().startsWith(m_data.path()));
    m_caFile = m_data.filePath(QStringLiteral("ca.pem"));
    QVERIFY(writeFile(m_caFile, ca->certificatePem()));
}

void tst_Tls::protocolNamesThatCannotGoOnTheWireAreRefused() {
    // The window takes ALPN as free text: a name over 255 bytes would
    // wrap its length byte, an empty one end the list early.
    Engine engine;
    EngineRecorder recorder(&engine);
    ListenerConfig listener;
    listener.address = QStringLiteral("127.0.0.1");
    listener.tls.enabled = true;
    listener.tls.alpn = {QStringLiteral("h2"), QString(256, u'x')};
    const int id = engine.startListener(listener);
    QTRY_VERIFY(errorOf(recorder, 0, id));
    QCOMPARE(errorOf(recorder, 0, id)->error, ErrorCode::TlsConfig);
    QVERIFY2(errorOf(recorder, 0, id)->message.contains(u"is not a protocol name"),
             qPrintable(errorOf(recorder, 0, id)->message));

    ClientConfig client = tlsClient(1, m_caFile);
    client.tls.alpn = {QString()};
    const int conn = engine.startClient(client);
    QTRY_VERIFY(errorOf(recorder, conn));
    QCOMPARE(errorOf(recorder, conn)->error, ErrorCode::TlsConfig);
}

void tst_Tls::startEchoListener(Engine& engine, EngineRecorder& recorder, quint16* port,
                                QStringList alpn) {
    ListenerConfig listener;
    listener.address = QStringLiteral("127.0.0.1");
    listener.responder.kind = ResponderConfig::Kind::Echo;
    listener.tls.enabled = true;
    listener.tls.alpn = std::move(alpn);
    const int id = engine.startListener(listener);
    QTRY_VERIFY(recorder.has(EventKind::Listen, 0, id) || recorder.has(EventKind::Error, 0, id));
    *port = recorder.listenPort(id);
    QVERIFY(*port != 0);
}

ClientConfig tst_Tls::tlsClient(quint16 port, const QString& caFile) const {
    ClientConfig client;
    client.host = QStringLiteral("localhost");
    client.port = port;
    client.tls.enabled = true;
    client.tls.caFile = caFile;
    return client;
}

void tst_Tls::handshakeShowsWhatWasAgreedAndBytesCrossExactly() {
    Engine engine;
    EngineRecorder recorder(&engine);
    quint16 port = 0;
    startEchoListener(engine, recorder, &port, {QStringLiteral("x-test")});
    if (QTest::currentTestFailed())
        return;
    const std::optional<CaptureEvent> listen = recorder.find(EventKind::Listen, 0);
    QVERIFY(listen && listen->tls && !listen->tls->chain.isEmpty());
    QVERIFY(listen->tls->chain.first().names.contains(u"localhost"));
    QCOMPARE(listen->tls->chain.first().sha256.size(), 32 * 3 - 1);

    ClientConfig config = tlsClient(port, m_caFile);
    config.tls.alpn = {QStringLiteral("other"), QStringLiteral("x-test")};
    const QByteArray sent = pattern(300 * 1024);
    config.sendOnConnect = sent;
    config.halfCloseAfterSend = true;
    const int client = engine.startClient(config);
    QTRY_VERIFY_WITH_TIMEOUT(
        recorder.has(EventKind::Close, client) || recorder.has(EventKind::Error, client), 20000);
    QVERIFY(!errorOf(recorder, client));
    QCOMPARE(recorder.stream(client, Direction::In), sent);

    const std::optional<CaptureEvent> ours = recorder.find(EventKind::Tls, client);
    QVERIFY(ours && ours->tls);
    const TlsSummary& t = *ours->tls;
    QVERIFY(t.ok && t.client);
    QCOMPARE(t.version, u"TLSv1.3");
    QCOMPARE(t.alpn, u"x-test");
    QCOMPARE(t.sni, u"localhost");
    QCOMPARE(t.verify, u"ok");
    QVERIFY(!t.cipher.isEmpty() && !t.tempKey.isEmpty());
    QVERIFY(t.clientHello.startsWith('\x01') && t.serverHello.startsWith('\x02'));
    QVERIFY(t.keyLog.contains("CLIENT_TRAFFIC_SECRET_0 "));
    // The leaf, then SockScope's CA, each verified.
    QCOMPARE(t.chain.size(), 2);
    QVERIFY(t.chain[1].subject.contains(u"SockScope local CA"));
    QCOMPARE(t.chain[0].verify, u"ok");
    QCOMPARE(t.chain[1].depth, 1);

    // The server's side saw the same SNI; the records are stored beside the
    // plaintext, larger than it, and never mixed into the conversation.
    const std::optional<CaptureEvent> theirs = recorder.find([&](const CaptureEvent& e) {
        return e.kind == EventKind::Tls && e.conn != client && e.conn != 0;
    });
    QVERIFY(theirs && theirs->tls->ok && !theirs->tls->client);
    QCOMPARE(theirs->tls->sni, u"localhost");
    qint64 wireIn = 0;
    for (const CaptureEvent& e :
         engine.store().eventsOf(client, std::numeric_limits<qsizetype>::max())) {
        if (e.kind == EventKind::Wire && e.dir == Direction::In)
            wireIn += e.data.size();
    }
    QVERIFY2(wireIn > sent.size(), qPrintable(QString::number(wireIn)));
    QCOMPARE(recorder.bytes(client, Direction::In), sent.size());
}

void tst_Tls::wrongCaFailsNamingTheDepthWithTheServerHello() {
    Engine engine;
    EngineRecorder recorder(&engine);
    quint16 port = 0;
    startEchoListener(engine, recorder, &port);
    if (QTest::currentTestFailed())
        return;
    QTemporaryDir otherDir;
    QString error;
    const std::shared_ptr<const LocalCa> other = LocalCa::open(otherDir.path(), &error);
    QVERIFY2(other, qPrintable(error));
    const QString otherCa = otherDir.filePath(QStringLiteral("other-ca.pem"));
    QVERIFY(writeFile(otherCa, other->certificatePem()));

    const int client = engine.startClient(tlsClient(port, otherCa));
    QTRY_VERIFY_WITH_TIMEOUT(errorOf(recorder, client), 20000);
    const CaptureEvent failed = *errorOf(recorder, client);
    QCOMPARE(failed.error, ErrorCode::TlsFailed);
    QVERIFY2(failed.message.contains(u"(depth 1)") || failed.message.contains(u"(depth 0)"),
             qPrintable(failed.message));
    const std::optional<CaptureEvent> summary = recorder.find(EventKind::Tls, client);
    QVERIFY(summary && summary->tls);
    QVERIFY(!summary->tls->ok);
    QVERIFY(summary->tls->serverHello.startsWith('\x02'));
    QVERIFY(!summary->tls->failure.isEmpty());
}

void tst_Tls::unusableCertificateFilesAreRefusedByName_data() {
    QTest::addColumn<QByteArray>("certificate");
    QTest::addColumn<bool>("keyFromAnotherPair");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not PEM") << QByteArray("this is not a certificate\n") << false
                             << QStringLiteral("holds no PEM certificate");
    QTest::newRow("empty") << QByteArray() << false << QStringLiteral("holds no PEM certificate");
    QTest::newRow("key of another certificate")
        << QByteArray() << true << QStringLiteral("does not belong to the certificate");
}

void tst_Tls::unusableCertificateFilesAreRefusedByName() {
    QFETCH(QByteArray, certificate);
    QFETCH(bool, keyFromAnotherPair);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString certFile = dir.filePath(QStringLiteral("server.pem"));
    const QString keyFile = dir.filePath(QStringLiteral("key.pem"));
    if (keyFromAnotherPair) {
        // Two certificates of the local CA: the first one's certificate
        // with the second one's key.
        QString error;
        const QString first = dir.filePath(QStringLiteral("first"));
        const QString second = dir.filePath(QStringLiteral("second"));
        QVERIFY(LocalCa::open(first, &error) && LocalCa::open(second, &error));
        QFile::copy(first + QStringLiteral("/ca.pem"), certFile);
        QFile::copy(second + QStringLiteral("/ca.pem"), keyFile);
        // Each file holds a certificate and a key: the key file's key is
        // the one read, the certificate file's certificate the other.
    } else {
        QVERIFY(writeFile(certFile, certificate));
        QVERIFY(writeFile(keyFile, certificate));
    }
    Engine engine;
    EngineRecorder recorder(&engine);
    ListenerConfig listener;
    listener.address = QStringLiteral("127.0.0.1");
    listener.tls.enabled = true;
    listener.tls.certFile = certFile;
    listener.tls.keyFile = keyFile;
    const int id = engine.startListener(listener);
    QTRY_VERIFY(errorOf(recorder, 0, id));
    const CaptureEvent failed = *errorOf(recorder, 0, id);
    QCOMPARE(failed.error, ErrorCode::TlsConfig);
    QVERIFY2(failed.message.contains(reason), qPrintable(failed.message));
    QVERIFY2(failed.message.contains(keyFromAnotherPair ? keyFile : certFile),
             qPrintable(failed.message));
    QVERIFY(!recorder.has(EventKind::Listen, 0, id));
}

void tst_Tls::garbageInsteadOfAHelloFailsThatConnectionOnly() {
    Engine engine;
    EngineRecorder recorder(&engine);
    quint16 port = 0;
    startEchoListener(engine, recorder, &port);
    if (QTest::currentTestFailed())
        return;
    QTcpSocket plain;
    plain.connectToHost(QStringLiteral("127.0.0.1"), port);
    QVERIFY(plain.waitForConnected(5000));
    plain.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");
    QTRY_VERIFY(recorder.find([](const CaptureEvent& e) {
        return e.kind == EventKind::Error && e.error == ErrorCode::TlsFailed;
    }));
    const CaptureEvent failed = *recorder.find([](const CaptureEvent& e) {
        return e.kind == EventKind::Error && e.error == ErrorCode::TlsFailed;
    });
    QVERIFY2(failed.message.contains(u"TLS handshake with 127.0.0.1:"), qPrintable(failed.message));
    QTRY_COMPARE(plain.state(), QAbstractSocket::UnconnectedState);

    // The listener still serves: a real client completes its handshake.
    const int client = engine.startClient(tlsClient(port, m_caFile));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.has(EventKind::Tls, client) || errorOf(recorder, client),
                             20000);
    QVERIFY(recorder.find(EventKind::Tls, client)->tls->ok);
}

QTEST_GUILESS_MAIN(tst_Tls)
#include "tst_tls.moc"
