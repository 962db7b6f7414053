#include "base/version.h"
#include "capture/capturestore.h"
#include "formats/jsonlreader.h"
#include "formats/jsonlwriter.h"
#include "sessionfixture.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

using namespace sockscope;

namespace {

const QByteArray kHeader = jsonlHeaderLine(fixture::kStartUs);

QByteArray written(const EventBatch& events) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!writeJsonlSession(BatchEventSource(events), buffer, fixture::kStartUs))
        return {};
    return buffer.data();
}

std::optional<EventBatch> read(const QByteArray& bytes, QString* error) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readJsonlSession(buffer, error);
}

} // namespace

class tst_JsonlFormat final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void headerLine();
    void goldenLines_data();
    void goldenLines();
    void roundTripSession();
    void roundTripReset();
    void roundTripPayloads_data();
    void roundTripPayloads();
    void ignoresUnknownFields();
    void readsUnknownErrorCodesAndTypedTargets();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void rejectsTruncatedFile_data();
    void rejectsTruncatedFile();
    void readsEveryCompleteEventOfACutRecording();
    void importLeavesPayloadsInTheFile_data();
    void importLeavesPayloadsInTheFile();
    void rejectsOverlongLine();
    void rejectsGiantBase64WithWrongSize();
    void readsFromPath();
};

void tst_JsonlFormat::headerLine() {
    QVERIFY(kHeader.endsWith('\n'));
    QCOMPARE(kHeader.count('\n'), 1);
    const QJsonObject header = QJsonDocument::fromJson(kHeader).object();
    QCOMPARE(header.value(u"ts").toString(), formatTimestampUs(fixture::kStartUs));
    QCOMPARE(header.value(u"event").toString(), u"header");
    QCOMPARE(header.value(u"format").toString(), u"sockscope-session");
    QCOMPARE(header.value(u"version").toInteger(), 3);
    QCOMPARE(header.value(u"generator").toString(), u"SockScope " SOCKSCOPE_VERSION);
}

void tst_JsonlFormat::goldenLines_data() {
    QTest::addColumn<CaptureEvent>("event");
    QTest::addColumn<QByteArray>("line");
    const EventBatch s = fixture::session();
    QTest::newRow("drop, no seq") << s[0]
                                  << QByteArray(
                                         R"({"ts":"2026-11-25T12:47:26.123456Z","event":"drop",)"
                                         R"("conn":1,"size":100,"count":3,"message":)"
                                         R"("capture budget exceeded: oldest events dropped"})");
    QTest::newRow("listen") << s[1]
                            << QByteArray(
                                   R"({"ts":"2026-11-25T12:47:26.124456Z","seq":1,)"
                                   R"("event":"listen","listener":1,"local":"127.0.0.1:8080",)"
                                   R"("backlog":1024,"responder":"echo"})");
    QTest::newRow("accept") << s[3]
                            << QByteArray(R"({"ts":"2026-11-25T12:47:26.126456Z","seq":3,)"
                                          R"("event":"accept","conn":1,"listener":1,)"
                                          R"("local":"127.0.0.1:8080","peer":"127.0.0.1:51000"})");
    CaptureEvent relayAccept = s[3];
    relayAccept.pair = 2;
    QTest::newRow("relay accept names its upstream")
        << relayAccept
        << QByteArray(R"({"ts":"2026-11-25T12:47:26.126456Z","seq":3,)"
                      R"("event":"accept","conn":1,"listener":1,)"
                      R"("local":"127.0.0.1:8080","peer":"127.0.0.1:51000","pair":2})");
    const CaptureEvent upstreamConnect = fixture::event(4, EventKind::Connect, [](CaptureEvent& e) {
        e.timeUs = 0;
        e.conn = 2;
        e.target = QStringLiteral("[::1]:6379");
        e.pair = 1;
    });
    QTest::newRow("relay upstream names its client")
        << upstreamConnect
        << QByteArray(R"({"ts":"1970-01-01T00:00:00.000000Z","seq":4,"event":"connect",)"
                      R"("conn":2,"peer":"[::1]:6379","pair":1})");
    QTest::newRow("data") << fixture::data(4, 1, Direction::In, "hello")
                          << QByteArray(R"({"ts":"2026-11-25T12:47:26.127456Z","seq":4,)"
                                        R"("event":"data","conn":1,"dir":"in","size":5,)"
                                        R"("data":"aGVsbG8="})");
    QTest::newRow("empty data keeps size and data")
        << fixture::data(4, 1, Direction::Out, {})
        << QByteArray(R"({"ts":"2026-11-25T12:47:26.127456Z","seq":4,"event":"data",)"
                      R"("conn":1,"dir":"out","size":0,"data":""})");
    QTest::newRow("half-close") << s[6]
                                << QByteArray(R"({"ts":"2026-11-25T12:47:26.129456Z","seq":6,)"
                                              R"("event":"half-close","conn":1,"by":"peer"})");
    QTest::newRow("listener close") << s[15]
                                    << QByteArray(R"({"ts":"2026-11-25T12:47:26.138456Z",)"
                                                  R"("seq":15,"event":"close","listener":1,)"
                                                  R"("by":"local"})");
    const CaptureEvent reset = fixture::event(20, EventKind::Close, [](CaptureEvent& e) {
        e.timeUs = 0;
        e.conn = 4;
        e.by = Closer::Local;
        e.reset = true;
        e.message = QStringLiteral("RST sent (SO_LINGER 0); nothing was left to send or read");
    });
    QTest::newRow("our reset") << reset
                               << QByteArray(R"({"ts":"1970-01-01T00:00:00.000000Z","seq":20,)"
                                             R"("event":"close","conn":4,"by":"local",)"
                                             R"("reset":true,"message":"RST sent (SO_LINGER 0); )"
                                             R"(nothing was left to send or read"})");
    CaptureEvent error = fixture::event(9, EventKind::Error, [](CaptureEvent& e) {
        e.timeUs = 0;
        e.conn = 2;
        e.error = ErrorCode::Reset;
        e.message = QString::fromUtf8("a\"b\\c\nd\x01\x1f\xc3\xa9");
    });
    QTest::newRow("error with escapes")
        << error
        << QByteArray(R"({"ts":"1970-01-01T00:00:00.000000Z","seq":9,"event":"error",)"
                      R"("conn":2,"error":"reset","message":"a\"b\\c\nd\u0001\u001f)"
                      "\xc3\xa9\"}");
    QTest::newRow("error without message keeps it")
        << fixture::event(1, EventKind::Error, [](CaptureEvent& e) { e.timeUs = 0; })
        << QByteArray(R"({"ts":"1970-01-01T00:00:00.000000Z","seq":1,"event":"error",)"
                      R"("message":""})");
}

void tst_JsonlFormat::goldenLines() {
    QFETCH(CaptureEvent, event);
    QFETCH(QByteArray, line);
    QCOMPARE(jsonlLine(event), line + '\n');
    QString error;
    const std::optional<EventBatch> back = read(kHeader + line + '\n', &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), 1);
    QVERIFY2(fixture::difference(event, back->first()).isEmpty(),
             qPrintable(fixture::difference(event, back->first())));
}

void tst_JsonlFormat::roundTripSession() {
    const EventBatch events = fixture::session();
    const QByteArray bytes = written(events);
    QVERIFY(bytes.startsWith(kHeader));
    QCOMPARE(bytes.count('\n'), events.size() + 1);
    QString error;
    const std::optional<EventBatch> back = read(bytes, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i)
        QVERIFY2(fixture::difference(events[i], back->at(i)).isEmpty(),
                 qPrintable(QStringLiteral("event %1 differs in %2")
                                .arg(i)
                                .arg(fixture::difference(events[i], back->at(i)))));
}

void tst_JsonlFormat::roundTripReset() {
    const EventBatch events{fixture::event(1, EventKind::Close,
                                           [](CaptureEvent& e) {
                                               e.conn = 3;
                                               e.by = Closer::Peer;
                                               e.reset = true;
                                               e.message = QStringLiteral(
                                                   "RST sent (SO_LINGER 0); dropped 5 "
                                                   "bytes the peer had not acknowledged");
                                           }),
                            fixture::event(2, EventKind::Close, [](CaptureEvent& e) {
                                e.conn = 4;
                                e.by = Closer::Local;
                            })};
    QString error;
    const std::optional<EventBatch> back = read(written(events), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), 2);
    QVERIFY(back->at(0).reset);
    QVERIFY(!back->at(1).reset);
    for (qsizetype i = 0; i < events.size(); ++i)
        QVERIFY2(fixture::difference(events[i], back->at(i)).isEmpty(),
                 qPrintable(fixture::difference(events[i], back->at(i))));
}

void tst_JsonlFormat::roundTripPayloads_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::newRow("NUL") << QByteArray(1, '\0');
    QTest::newRow("0xFF") << QByteArray(1, '\xff');
    QTest::newRow("all byte values") << fixture::allByteValues();
    QTest::newRow("invalid UTF-8") << QByteArray("\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x90\x28");
    QTest::newRow("JSON-looking") << QByteArray(R"("},{"event":"close"}
)");
    QByteArray big(1 << 20, Qt::Uninitialized);
    QRandomGenerator random(42);
    random.fillRange(reinterpret_cast<quint32*>(big.data()), big.size() / 4);
    QTest::newRow("1 MiB random") << big;
    QTest::newRow("1 MiB + 1 zeros") << QByteArray((1 << 20) + 1, '\0');
}

void tst_JsonlFormat::roundTripPayloads() {
    QFETCH(QByteArray, payload);
    const EventBatch events{fixture::data(1, 7, Direction::In, payload),
                            fixture::data(2, 7, Direction::Out, payload)};
    QString error;
    const std::optional<EventBatch> back = read(written(events), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), 2);
    QCOMPARE(back->at(0).data, payload);
    QCOMPARE(back->at(0).dir, Direction::In);
    QCOMPARE(back->at(1).data, payload);
    QCOMPARE(back->at(1).dir, Direction::Out);
    QCOMPARE(back->at(1).size, payload.size());
}

void tst_JsonlFormat::ignoresUnknownFields() {
    const QByteArray file = kHeader.chopped(2) + R"(,"future":[1,{"x":null}]})" + '\n' +
                            R"({"ts":"2026-11-25T12:47:26.123456Z","event":"close","conn":4,)" +
                            R"("by":"peer","reason":{"deep":[true,false]},"seq":3})" + '\n';
    QString error;
    const std::optional<EventBatch> back = read(file, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), 1);
    QCOMPARE(back->at(0).kind, EventKind::Close);
    QCOMPARE(back->at(0).conn, 4);
    QCOMPARE(back->at(0).by, Closer::Peer);
    QCOMPARE(back->at(0).seq, 3u);
}

// Codes from a newer SockScope, and the kinds of address text a person may
// type as a Connect target, read without complaint.
void tst_JsonlFormat::readsUnknownErrorCodesAndTypedTargets() {
    const QByteArray file =
        kHeader + R"({"ts":"2026-11-25T12:47:26.123456Z","event":"connect","conn":1,)" +
        R"("peer":"db.example:5432"})" + '\n' +
        R"({"ts":"2026-11-25T12:47:26.123457Z","event":"error","conn":1,)" +
        R"("error":"quantum-decoherence","message":"m"})" + '\n' +
        R"({"ts":"2026-11-25T12:47:26.123458Z","event":"accept","conn":2,"listener":1,)" +
        R"("local":"","peer":"[fe80::1]:9"})" + '\n';
    QString error;
    const std::optional<EventBatch> back = read(file, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->size(), 3);
    QCOMPARE(back->at(0).target, u"db.example:5432");
    QVERIFY(back->at(0).peer.isNull());
    QCOMPARE(back->at(1).error, ErrorCode::Other);
    QVERIFY(back->at(2).local.isNull()); // the socket was gone before it was asked
    QCOMPARE(back->at(2).peer.toString(), u"[fe80::1]:9");
}

void tst_JsonlFormat::rejectsMalformed_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("problem");
    const QByteArray ts = R"({"ts":"2026-11-25T12:47:26.123456Z",)";
    const QByteArray good = ts + R"("event":"close","conn":1})" + '\n';
    auto row = [&](const char* name, const QByteArray& body, int line, const char* problem) {
        QTest::newRow(name) << kHeader + body + '\n' << line << QString::fromUtf8(problem);
    };
    auto event = [&](const char* fields) {
        return ts + fields;
    };

    row("bad JSON", R"({"ts":)", 2, "not valid JSON");
    row("blank line", "", 2, "not valid JSON");
    row("array", "[1,2]", 2, "not a JSON object");
    row("deep nesting", ts + R"("x":)" + QByteArray(100000, '['), 2, "not valid JSON");
    row("error on a later line", good + good + event(R"("event":"nope"})"), 4, "unknown event");
    row("unknown event", event(R"("event":"explode"})"), 2, "unknown event \"explode\"");
    row("second header", event(R"("event":"header","format":"sockscope-session","version":1})"), 2,
        "unknown event \"header\"");
    row("event not a string", event(R"("event":5})"), 2, "'event' must be a string");
    row("missing event", ts.chopped(1) + "}", 2, "missing 'event'");
    row("missing ts", R"({"event":"close"})", 2, "missing 'ts'");
    row("ts not a string", R"({"ts":1795610846,"event":"close"})", 2, "'ts' must be a string");
    row("ts without micros", R"({"ts":"2026-11-25T12:47:26Z","event":"close"})", 2, "'ts' must");
    row("ts impossible date", R"({"ts":"2026-13-45T12:47:26.123456Z","event":"close"})", 2,
        "'ts' must");
    row("ts with offset", R"({"ts":"2026-11-25T12:47:26.123456+01:00","event":"close"})", 2,
        "'ts' must");
    row("conn as string", event(R"("event":"close","conn":"1"})"), 2, "'conn' must be an integer");
    row("reset as string", event(R"("event":"close","conn":1,"reset":"true"})"), 2,
        "'reset' must be true or false");
    row("reset as number", event(R"("event":"close","conn":1,"reset":1})"), 2,
        "'reset' must be true or false");
    row("conn negative", event(R"("event":"close","conn":-1})"), 2, "'conn' must be an integer");
    row("conn fraction", event(R"("event":"close","conn":1.5})"), 2, "'conn' must be an integer");
    row("conn beyond int", event(R"("event":"close","conn":99999999999})"), 2,
        "'conn' must be an integer");
    row("seq null", event(R"("event":"close","seq":null})"), 2, "'seq' must be an integer");
    row("size huge", event(R"("event":"drop","size":1e300,"count":1})"), 2,
        "'size' must be an integer");
    row("local not a string", event(R"("event":"listen","listener":1,"local":[]})"), 2,
        "'local' must be a string");
    row("local a host name", event(R"("event":"listen","listener":1,"local":"localhost:80"})"), 2,
        "'local' must be ADDR:PORT like 127.0.0.1:80 or [::1]:80, not \"localhost:80\"");
    row("peer without port",
        event(R"("event":"accept","conn":1,"listener":1,"local":"127.0.0.1:1","peer":"::1"})"), 2,
        "'peer' must be ADDR:PORT");
    row("port out of range",
        event(R"("event":"connected","conn":1,"local":"127.0.0.1:65536","peer":"[::1]:1"})"), 2,
        "'local' must be ADDR:PORT");
    row("bad dir", event(R"("event":"data","conn":1,"dir":"up","size":0,"data":""})"), 2,
        "'dir' must be \"in\" or \"out\"");
    row("empty dir", event(R"("event":"data","conn":1,"dir":"","size":0,"data":""})"), 2,
        "'dir' must be");
    row("bad by", event(R"("event":"close","by":"nobody"})"), 2, "'by' must be");
    row("data without dir", event(R"("event":"data","conn":1,"size":0,"data":""})"), 2,
        "missing 'dir'");
    row("data without data", event(R"("event":"data","conn":1,"dir":"in","size":0})"), 2,
        "missing 'data'");
    row("data without size", event(R"("event":"data","conn":1,"dir":"in","data":"aGk="})"), 2,
        "missing 'size'");
    row("data without conn", event(R"("event":"data","dir":"in","size":2,"data":"aGk="})"), 2,
        "missing 'conn'");
    row("size mismatch", event(R"("event":"data","conn":1,"dir":"in","size":3,"data":"aGk="})"), 2,
        "'size' is 3 but 'data' holds 2 bytes");
    row("data null", event(R"("event":"data","conn":1,"dir":"in","size":0,"data":null})"), 2,
        "'data' must be a string");
    row("bad base64", event(R"("event":"data","conn":1,"dir":"in","size":2,"data":"a!k="})"), 2,
        "'data' is not valid base64");
    row("unpadded base64", event(R"("event":"data","conn":1,"dir":"in","size":2,"data":"aGk"})"), 2,
        "'data' is not valid base64");
    row("stray bits in base64",
        event(R"("event":"data","conn":1,"dir":"in","size":2,"data":"aGl="})"), 2,
        "'data' is not valid base64");
    row("non-ASCII base64",
        event("\"event\":\"data\",\"conn\":1,\"dir\":\"in\",\"size\":2,\"data\":\"a\xc3\xa9k=\"}"),
        2, "'data' is not valid base64");
    // JSON would let the second win; the import, which leaves payloads in
    // the file, takes the first, so both readers refuse it.
    row("data twice",
        event(R"("event":"data","conn":1,"dir":"in","size":2,"data":"aGk=","data":"aGk="})"), 2,
        "'data' appears more than once");
    row("accept without peer",
        event(R"("event":"accept","conn":1,"listener":1,"local":"127.0.0.1:1"})"), 2,
        "missing 'peer'");
    row("listen without listener", event(R"("event":"listen","local":"127.0.0.1:1"})"), 2,
        "missing 'listener'");
    row("error without message", event(R"("event":"error","error":"reset"})"), 2,
        "missing 'message'");
    row("drop without count", event(R"("event":"drop","size":1})"), 2, "missing 'count'");

    auto headerRow = [](const char* name, const QByteArray& header, const char* problem) {
        QTest::newRow(name) << header + '\n' << 1 << QString::fromUtf8(problem);
    };
    headerRow("no header", R"({"ts":"2026-11-25T12:47:26.123456Z","event":"close"})",
              "not a SockScope session");
    headerRow(
        "other format",
        R"({"ts":"2026-11-25T12:47:26.123456Z","event":"header","format":"pcap","version":1})",
        "not a SockScope session");
    headerRow("unknown version",
              R"({"ts":"2026-11-25T12:47:26.123456Z","event":"header",)"
              R"("format":"sockscope-session","version":4})",
              "unsupported format version 4 (this SockScope reads versions 1 to 3)");
    headerRow("version as string",
              R"({"ts":"2026-11-25T12:47:26.123456Z","event":"header",)"
              R"("format":"sockscope-session","version":"1"})",
              "'version' must be an integer");
    headerRow("header without ts", R"({"event":"header","format":"sockscope-session","version":1})",
              "missing 'ts'");
    headerRow("binary garbage", QByteArray("\x00\xff\xfe\x01", 4), "not valid JSON");
}

void tst_JsonlFormat::rejectsMalformed() {
    QFETCH(QByteArray, file);
    QFETCH(int, line);
    QFETCH(QString, problem);
    QString error;
    const std::optional<EventBatch> back = read(file, &error);
    QVERIFY(!back);
    QVERIFY2(error.startsWith(QStringLiteral("line %1: ").arg(line)), qPrintable(error));
    QVERIFY2(error.contains(problem), qPrintable(error));

    // The import, which indexes payloads in place, refuses it the same way.
    QTemporaryFile onDisk;
    QVERIFY(onDisk.open());
    QCOMPARE(onDisk.write(file), file.size());
    QVERIFY(onDisk.flush());
    QString importError;
    QVERIFY(!importJsonlSession(onDisk.fileName(), &importError, nullptr));
    QCOMPARE(importError, error);
}

void tst_JsonlFormat::rejectsTruncatedFile_data() {
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << u"the file is empty, not a SockScope session"_qs;
    QTest::newRow("header cut") << kHeader.left(20) << u"line 1: not valid JSON"_qs;
}

void tst_JsonlFormat::rejectsTruncatedFile() {
    QFETCH(QByteArray, file);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!read(file, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void tst_JsonlFormat::readsEveryCompleteEventOfACutRecording() {
    // A kill -9 can cut a recording anywhere in its last line: every cut
    // keeps the complete events and says how much it ignored.
    const EventBatch events = fixture::session();
    const QByteArray whole = written(events);
    const qsizetype lastLineStart = whole.lastIndexOf('\n', whole.size() - 2) + 1;
    for (qsizetype cut = lastLineStart + 1; cut < whole.size(); ++cut) {
        QBuffer buffer;
        buffer.setData(whole.left(cut));
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        QString error;
        qint64 ignored = -1;
        const auto read = readJsonlSession(buffer, &error, &ignored);
        QVERIFY2(read, qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(error)));
        const bool onlyNewlineMissing = cut == whole.size() - 1;
        QCOMPARE(read->size(), onlyNewlineMissing ? events.size() : events.size() - 1);
        QCOMPARE(ignored, onlyNewlineMissing ? 0 : cut - lastLineStart);
    }
}

void tst_JsonlFormat::importLeavesPayloadsInTheFile_data() {
    QTest::addColumn<bool>("lastNewline");
    QTest::addColumn<bool>("spacedColon");
    QTest::newRow("whole") << true << false;
    QTest::newRow("last newline missing") << false << false;
    // JSON's whitespace around the colon, as a hand-edited file may have.
    QTest::newRow("whitespace around data's colon") << true << true;
}

void tst_JsonlFormat::importLeavesPayloadsInTheFile() {
    QFETCH(bool, lastNewline);
    QFETCH(bool, spacedColon);
    const EventBatch events = fixture::session();
    QTemporaryFile file;
    QVERIFY(file.open());
    QByteArray bytes = written(events);
    if (spacedColon)
        bytes.replace("\"data\":\"", "\"data\" :\t\"");
    file.write(lastNewline ? bytes : bytes.chopped(1));
    QVERIFY(file.flush());
    QString error;
    qint64 ignored = -1;
    const std::unique_ptr<CaptureStore> store =
        importJsonlSession(file.fileName(), &error, &ignored);
    QVERIFY2(store, qPrintable(error));
    QCOMPARE(ignored, 0);
    EventBatch back;
    store->forEachEvent([&back](const CaptureEvent& e) {
        back.append(e);
        return true;
    });
    QCOMPARE(back.size(), events.size());
    for (qsizetype i = 0; i < events.size(); ++i) {
        QCOMPARE(back[i].kind, events[i].kind);
        QCOMPARE(back[i].seq, events[i].seq);
        QCOMPARE(back[i].data, events[i].data);
        QCOMPARE(back[i].size, events[i].size);
        QCOMPARE(back[i].peer, events[i].peer);
    }
}

void tst_JsonlFormat::rejectsOverlongLine() {
    QByteArray file = kHeader;
    file += R"({"ts":"2026-11-25T12:47:26.123456Z","event":"close","pad":")";
    file += QByteArray(kMaxJsonlLineBytes, 'x');
    file += "\"}\n";
    QString error;
    QVERIFY(!read(file, &error));
    QCOMPARE(error, u"line 2: longer than 96 MiB, refused");
}

void tst_JsonlFormat::rejectsGiantBase64WithWrongSize() {
    QByteArray file = kHeader;
    file += R"({"ts":"2026-11-25T12:47:26.123456Z","event":"data","conn":1,"dir":"in",)";
    file += R"("size":1,"data":")" + QByteArray(32 << 20, 'A') + "\"}\n";
    QString error;
    QVERIFY(!read(file, &error));
    QCOMPARE(error, u"line 2: 'size' is 1 but 'data' holds 25165824 bytes");
}

void tst_JsonlFormat::readsFromPath() {
    QString error;
    QVERIFY(!readJsonlSession(u"/nonexistent/dir/session.jsonl"_qs, &error));
    QVERIFY2(error.contains(u"/nonexistent/dir/session.jsonl"), qPrintable(error));
    QVERIFY2(error.contains(u"No such file or directory"), qPrintable(error));
    QVERIFY(!readJsonlSession(QStringLiteral(SOCKSCOPE_TESTS_DIR), &error));
    QVERIFY2(error.contains(u"directory"), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_JsonlFormat)
#include "tst_jsonlformat.moc"
