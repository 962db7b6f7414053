#include "formats/pcapwriter.h"
#include "sessionfixture.h"

#include <QBuffer>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace sockscope;

namespace {

// What `tshark -z follow,tcp,raw` must show for one connection.
struct Stream {
    QString client; // tshark's "Node 0", the side that sent the SYN
    QString server;
    QByteArray fromClient;
    QByteArray fromServer;
};

CaptureEvent opening(quint64 seq, int conn, bool accepted, const QString& local,
                     const QString& peer) {
    return fixture::event(seq, accepted ? EventKind::Accept : EventKind::Connected,
                          [&](CaptureEvent& e) {
                              e.conn = conn;
                              e.listener = accepted ? 1 : 0;
                              e.local = *SocketAddress::fromString(local);
                              e.peer = *SocketAddress::fromString(peer);
                          });
}

CaptureEvent closing(quint64 seq, int conn, EventKind kind, Closer by) {
    return fixture::event(seq, kind, [&](CaptureEvent& e) {
        e.conn = conn;
        e.by = by;
    });
}

// The bytes of one connection, split by who sent them. Accepted connections
// and those whose opening is missing were started by the peer.
Stream streamOf(const EventBatch& events, int conn, const QString& client, const QString& server) {
    bool localIsClient = false;
    Stream stream{client, server, {}, {}};
    for (const CaptureEvent& e : events) {
        if (e.conn != conn)
            continue;
        if (e.kind == EventKind::Connected)
            localIsClient = true;
        if (e.kind == EventKind::Data)
            ((e.dir == Direction::Out) == localIsClient ? stream.fromClient : stream.fromServer) +=
                e.data;
    }
    return stream;
}

QByteArray randomBytes(qsizetype size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator random(seed);
    for (char& c : bytes)
        c = char(random.bounded(256));
    return bytes;
}

QByteArray pcapOf(const EventBatch& events) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    return writePcapSession(BatchEventSource(events), buffer) ? buffer.data() : QByteArray();
}

} // namespace

class tst_PcapFormat final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fileAndRecordLayout();
    void decodesCleanly_data();
    void decodesCleanly();
    void followShowsExactBytes_data();
    void followShowsExactBytes();
    void timestampsInNanoseconds();
    void ourResetIsAnRstFromUs();
    void missingBytesShowAsNotCaptured();

private:
    void addScenarios();
    QByteArray tshark(const QByteArray& pcap, const QStringList& args);

    QString m_tshark;
    QTemporaryDir m_dir;
    int m_files = 0;
};

void tst_PcapFormat::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_tshark = QStandardPaths::findExecutable(u"tshark"_qs);
}

QByteArray tst_PcapFormat::tshark(const QByteArray& pcap, const QStringList& args) {
    const QString path = m_dir.filePath(QStringLiteral("%1.pcap").arg(++m_files));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pcap) != pcap.size())
        return "cannot write " + path.toUtf8();
    file.close();
    QProcess process;
    process.start(m_tshark, QStringList{u"-r"_qs, path, u"-o"_qs, u"tcp.check_checksum:TRUE"_qs,
                                        u"-o"_qs, u"ip.check_checksum:TRUE"_qs} +
                                args);
    if (!process.waitForFinished(120000) || process.exitCode() != 0)
        return "tshark failed: " + process.readAllStandardError();
    for (const QByteArray& line : process.readAllStandardError().split('\n')) {
        if (!line.isEmpty() && !line.startsWith("Running as user"))
            return "tshark complained: " + line;
    }
    return process.readAllStandardOutput();
}

void tst_PcapFormat::fileAndRecordLayout() {
    EventBatch events{opening(1, 1, true, u"127.0.0.1:8080"_qs, u"127.0.0.1:51000"_qs),
                      fixture::data(2, 1, Direction::In, "ping"),
                      fixture::data(3, 1, Direction::Out, "pong"),
                      closing(4, 1, EventKind::Close, Closer::Peer)};
    const QByteArray pcap = pcapOf(events);
    QCOMPARE(pcap.left(4), QByteArray("\x4d\x3c\xb2\xa1"));
    QCOMPARE(qFromLittleEndian<quint16>(pcap.constData() + 4), 2);
    QCOMPARE(qFromLittleEndian<quint16>(pcap.constData() + 6), 4);
    QCOMPARE(qFromLittleEndian<quint32>(pcap.constData() + 20), 101u); // LINKTYPE_RAW
    // SYN, SYN-ACK, ACK; ping, ACK; pong, ACK; FIN, ACK, FIN, ACK.
    const QList<int> expectedSizes{48, 48, 40, 44, 40, 44, 40, 40, 40, 40, 40};
    QList<int> sizes;
    qsizetype at = 24;
    for (int guard = 0; at + 16 <= pcap.size() && guard < 100; ++guard) {
        const auto included = qFromLittleEndian<quint32>(pcap.constData() + at + 8);
        QCOMPARE(qFromLittleEndian<quint32>(pcap.constData() + at + 12), included);
        QCOMPARE(quint8(pcap[at + 16]), 0x45); // IPv4, 20-byte header
        sizes.append(int(included));
        at += 16 + included;
    }
    QCOMPARE(at, pcap.size());
    QCOMPARE(sizes, expectedSizes);
}

void tst_PcapFormat::addScenarios() {
    QTest::addColumn<EventBatch>("events");
    QTest::addColumn<QList<Stream>>("streams");
    QTest::addColumn<bool>("hasReset");

    EventBatch v4{opening(1, 1, true, u"127.0.0.1:8080"_qs, u"127.0.0.1:51000"_qs),
                  fixture::data(2, 1, Direction::In, "GET / HTTP/1.0\r\n\r\n"),
                  fixture::data(3, 1, Direction::Out, "HTTP/1.0 200 OK\r\n\r\nhello"),
                  closing(4, 1, EventKind::HalfClose, Closer::Local),
                  fixture::data(5, 1, Direction::In, "late bytes from the peer"),
                  closing(6, 1, EventKind::HalfClose, Closer::Peer),
                  closing(7, 1, EventKind::Close, Closer::Local)};
    QTest::newRow("IPv4 accepted, half-closes")
        << v4 << QList<Stream>{streamOf(v4, 1, u"127.0.0.1:51000"_qs, u"127.0.0.1:8080"_qs)}
        << false;

    EventBatch v6{opening(1, 4, false, u"[::1]:40000"_qs, u"[::1]:9000"_qs),
                  fixture::data(2, 4, Direction::Out, "hello\n"),
                  fixture::data(3, 4, Direction::In, "hello\n"),
                  fixture::data(4, 4, Direction::Out, fixture::allByteValues()),
                  closing(5, 4, EventKind::Close, Closer::Peer)};
    QTest::newRow("IPv6 outgoing")
        << v6 << QList<Stream>{streamOf(v6, 4, u"[::1]:40000"_qs, u"[::1]:9000"_qs)} << false;

    EventBatch binary{opening(1, 2, true, u"10.1.2.3:7"_qs, u"10.9.8.7:60123"_qs),
                      fixture::data(2, 2, Direction::In, QByteArray(1, '\0')),
                      fixture::data(3, 2, Direction::Out, QByteArray("\xff\xfe\x00\x80", 4)),
                      fixture::data(4, 2, Direction::In, randomBytes(4096, 1))};
    QTest::newRow("binary, left open")
        << binary << QList<Stream>{streamOf(binary, 2, u"10.9.8.7:60123"_qs, u"10.1.2.3:7"_qs)}
        << false;

    EventBatch big{opening(1, 3, false, u"127.0.0.1:40001"_qs, u"127.0.0.2:9"_qs),
                   fixture::data(2, 3, Direction::In, randomBytes(1 << 20, 2)),
                   fixture::data(3, 3, Direction::Out, randomBytes((1 << 20) + 123, 3)),
                   fixture::data(4, 3, Direction::In, randomBytes(65000, 4)),
                   closing(5, 3, EventKind::Close, Closer::Local)};
    QTest::newRow("1 MiB chunks") << big
                                  << QList<Stream>{streamOf(big, 3, u"127.0.0.1:40001"_qs,
                                                            u"127.0.0.2:9"_qs)}
                                  << false;

    EventBatch mapped{
        opening(1, 5, true, u"[::ffff:127.0.0.1]:8080"_qs, u"[::ffff:127.0.0.1]:5000"_qs),
        fixture::data(2, 5, Direction::In, "mapped"),
        opening(3, 6, true, u"[::1]:8081"_qs, u"127.0.0.1:5001"_qs),
        fixture::data(4, 6, Direction::Out, "mixed"),
        fixture::data(5, 5, Direction::Out, "interleaved"),
        fixture::data(6, 9, Direction::In, "opening dropped by the budget"),
        fixture::data(7, 9, Direction::Out, "reply")};
    QTest::newRow("mapped, mixed, interleaved, no addresses")
        << mapped
        << QList<Stream>{streamOf(mapped, 5, u"127.0.0.1:5000"_qs, u"127.0.0.1:8080"_qs),
                         streamOf(mapped, 6, u"[::ffff:127.0.0.1]:5001"_qs, u"[::1]:8081"_qs),
                         streamOf(mapped, 9, u"127.0.0.1:60000"_qs, u"127.0.0.1:10009"_qs)}
        << false;

    EventBatch aborted{opening(1, 7, true, u"127.0.0.1:8080"_qs, u"127.0.0.2:51000"_qs),
                       fixture::data(2, 7, Direction::In, "hello"),
                       fixture::event(3, EventKind::Close, [](CaptureEvent& e) {
                           e.conn = 7;
                           e.by = Closer::Local;
                           e.reset = true;
                       })};
    QTest::newRow("our reset") << aborted
                               << QList<Stream>{streamOf(aborted, 7, u"127.0.0.2:51000"_qs,
                                                         u"127.0.0.1:8080"_qs)}
                               << true;

    const EventBatch session = fixture::session();
    QTest::newRow("fixture session with a reset")
        << session
        << QList<Stream>{streamOf(session, 1, u"127.0.0.1:51000"_qs, u"127.0.0.1:8080"_qs),
                         streamOf(session, 2, u"[::1]:40000"_qs, u"[::1]:9000"_qs)}
        << true;
}

void tst_PcapFormat::decodesCleanly_data() {
    addScenarios();
}

void tst_PcapFormat::decodesCleanly() {
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed");
    QFETCH(EventBatch, events);
    QFETCH(bool, hasReset);
    const QByteArray expert = tshark(pcapOf(events), {u"-q"_qs, u"-z"_qs, u"expert"_qs});
    QVERIFY2(expert.contains("Chats ("), expert.constData());
    QVERIFY2(!expert.contains("Errors ("), expert.constData());
    // A reset is the one warning tshark must give, once.
    const bool warned = expert.contains("Warns (");
    QCOMPARE(warned, hasReset);
    if (hasReset)
        QVERIFY2(expert.contains("Warns (1)") && expert.contains("Connection reset (RST)"),
                 expert.constData());
    const QByteArray flagged =
        tshark(pcapOf(events), {u"-Y"_qs, u"_ws.malformed || tcp.analysis.flags"_qs});
    QVERIFY2(flagged.isEmpty(), flagged.constData());
}

void tst_PcapFormat::followShowsExactBytes_data() {
    addScenarios();
}

void tst_PcapFormat::followShowsExactBytes() {
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed");
    QFETCH(EventBatch, events);
    QFETCH(QList<Stream>, streams);
    const QByteArray pcap = pcapOf(events);
    for (qsizetype index = 0; index < streams.size(); ++index) {
        const Stream& expected = streams[index];
        const QByteArray output =
            tshark(pcap, {u"-q"_qs, u"-z"_qs, QStringLiteral("follow,tcp,raw,%1").arg(index)});
        Stream seen;
        for (const QByteArray& line : output.split('\n')) {
            if (line.startsWith("Node 0: "))
                seen.client = QString::fromLatin1(line.mid(8));
            else if (line.startsWith("Node 1: "))
                seen.server = QString::fromLatin1(line.mid(8));
            else if (line.startsWith('\t'))
                seen.fromServer += QByteArray::fromHex(line.mid(1));
            else if (!seen.server.isEmpty() && !line.startsWith('='))
                seen.fromClient += QByteArray::fromHex(line);
        }
        QVERIFY2(!seen.server.isEmpty(), output.left(2000).constData());
        QCOMPARE(seen.client, expected.client);
        QCOMPARE(seen.server, expected.server);
        QCOMPARE(seen.fromClient.size(), expected.fromClient.size());
        QVERIFY(seen.fromClient == expected.fromClient);
        QCOMPARE(seen.fromServer.size(), expected.fromServer.size());
        QVERIFY(seen.fromServer == expected.fromServer);
    }
}

void tst_PcapFormat::timestampsInNanoseconds() {
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed");
    const EventBatch events{opening(1, 1, true, u"127.0.0.1:1"_qs, u"127.0.0.1:2"_qs),
                            fixture::data(7, 1, Direction::In, "x")};
    const QByteArray times =
        tshark(pcapOf(events), {u"-T"_qs, u"fields"_qs, u"-e"_qs, u"frame.time_epoch"_qs});
    QCOMPARE(times.split('\n').value(0), "1795610846.124456000");
    QCOMPARE(times.split('\n').value(3), "1795610846.130456000");
}

void tst_PcapFormat::ourResetIsAnRstFromUs() {
    const EventBatch events{opening(1, 1, true, u"127.0.0.1:8080"_qs, u"127.0.0.2:51000"_qs),
                            fixture::event(2, EventKind::Close, [](CaptureEvent& e) {
                                e.conn = 1;
                                e.by = Closer::Local;
                                e.reset = true;
                            })};
    const QByteArray pcap = pcapOf(events);
    // SYN, SYN-ACK, ACK, then the RST: no FIN from either side.
    qsizetype at = 24;
    QList<qsizetype> packets;
    for (int guard = 0; at + 16 <= pcap.size() && guard < 100; ++guard) {
        packets.append(at + 16);
        at += 16 + qFromLittleEndian<quint32>(pcap.constData() + at + 8);
    }
    QCOMPARE(packets.size(), 4);
    const char* rst = pcap.constData() + packets.last();
    constexpr quint8 kRst = 0x04;
    constexpr quint8 kFin = 0x01;
    QVERIFY(quint8(rst[20 + 13]) & kRst);
    QVERIFY(!(quint8(rst[20 + 13]) & kFin));
    QCOMPARE(QByteArray(rst + 12, 4), QByteArray("\x7f\x00\x00\x01", 4)); // from us
    QCOMPARE(QByteArray(rst + 16, 4), QByteArray("\x7f\x00\x00\x02", 4)); // to the peer
}

void tst_PcapFormat::missingBytesShowAsNotCaptured() {
    if (m_tshark.isEmpty())
        QSKIP("tshark is not installed");
    // 5 bytes, then 15 the capture no longer holds, then 5 more: the later
    // segment keeps its place in the stream instead of joining the first.
    CaptureEvent later = fixture::data(3, 1, Direction::In, "world");
    later.dirOffset = 20;
    const EventBatch events{opening(1, 1, true, u"127.0.0.1:8080"_qs, u"127.0.0.2:51000"_qs),
                            fixture::data(2, 1, Direction::In, "hello"), later};
    const QByteArray lost =
        tshark(pcapOf(events), {u"-Y"_qs, u"tcp.analysis.lost_segment"_qs, u"-T"_qs, u"fields"_qs,
                                u"-e"_qs, u"tcp.payload"_qs});
    QCOMPARE(lost.trimmed().split('\n').size(), 1);
    QVERIFY2(lost.contains("776f726c64"), lost.constData()); // "world"
    // Without an offset (a live batch, an imported file) nothing is missing.
    const EventBatch joined{events[0], events[1], fixture::data(3, 1, Direction::In, "world")};
    QCOMPARE(tshark(pcapOf(joined), {u"-Y"_qs, u"tcp.analysis.lost_segment"_qs}), QByteArray());
}

QTEST_GUILESS_MAIN(tst_PcapFormat)
#include "tst_pcapformat.moc"
