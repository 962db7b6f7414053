// The reader's half of import ∘ export = identity (issue 14, fault 5): what
// the importer accepts, an export writes back so that it imports as the
// same session; what it cannot keep exactly, it refuses, naming the line
// and the field.
#include "capture/capturestore.h"
#include "formats/jsonlreader.h"
#include "formats/jsonlwriter.h"
#include "sessionfixture.h"

#include <QBuffer>
#include <QTemporaryFile>
#include <QTest>

using namespace sockscope;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kHeader = jsonlHeaderLine(fixture::kStartUs);

// Both ways in: the in-memory reader and the indexing import (File → Open,
// --import), which must agree.
std::unique_ptr<CaptureStore> import(const QByteArray& bytes, QString* error) {
    QTemporaryFile file;
    if (!file.open() || file.write(bytes) != bytes.size() || !file.flush())
        return nullptr;
    qint64 ignored = 0;
    return importJsonlSession(file.fileName(), error, &ignored);
}

std::optional<EventBatch> readInMemory(const QByteArray& bytes, QString* error) {
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return readJsonlSession(buffer, error);
}

EventBatch eventsOf(const EventSource& source) {
    EventBatch events;
    source.forEachEvent([&events](const CaptureEvent& e) {
        events.append(e);
        return true;
    });
    return events;
}

// Code units as given, lone surrogates included.
QString utf16(std::initializer_list<char16_t> units) {
    return QString::fromUtf16(units.begin(), qsizetype(units.size()));
}

QByteArray exported(const EventSource& source) {
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!writeJsonlSession(source, buffer, fixture::kStartUs))
        return {};
    return buffer.data();
}

} // namespace

class tst_JsonlReader final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refusesMalformedTimestamps_data();
    void refusesMalformedTimestamps();
    void keepsEveryYearItAccepts_data();
    void keepsEveryYearItAccepts();
    void keepsLoneSurrogates_data();
    void keepsLoneSurrogates();
    void keepsTheOrderOfEventsWithoutSeq();
    void refusesDataWhoseSeqGoesBack();
    void givesARepeatedSeqItsOwn();
    void refusesATlsObjectLargerThanAnyHandshake();
};

void tst_JsonlReader::refusesMalformedTimestamps_data() {
    QTest::addColumn<QByteArray>("ts"); // as it stands in the file, JSON escapes and all
    // The issue's inputs: both were read as year -1, and the export's
    // "-0001-…" was then refused by the importer itself.
    QTest::newRow("letters in the year") << "ab-c-11-25T12:47:26.123456Z"_ba;
    QTest::newRow("control character in the year") << R"(\u0012026-11-25T12:47:26.123456Z)"_ba;
    QTest::newRow("negative year") << "-001-11-25T12:47:26.123456Z"_ba;
    QTest::newRow("year 0") << "0000-11-25T12:47:26.123456Z"_ba;
    // Digits of other scripts: QChar::isDigit() took them, the writer
    // would have turned them into ASCII.
    QTest::newRow("Arabic-Indic year")
        << "\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-11-25T12:47:26.123456Z"_ba;
    QTest::newRow("fullwidth day") << "2026-11-\xef\xbc\x92\xef\xbc\x95T12:47:26.123456Z"_ba;
    QTest::newRow("letter in the minute") << "2026-11-25T12:4x:26.123456Z"_ba;
}

void tst_JsonlReader::refusesMalformedTimestamps() {
    QFETCH(QByteArray, ts);
    const QByteArray file =
        kHeader + R"({"ts":")" + ts + R"(","seq":1,"event":"close","conn":1})" + '\n';
    QString error;
    QVERIFY(!readInMemory(file, &error));
    QVERIFY2(error.startsWith(u"line 2: 'ts' must look like 2026-11-25T12:47:26.123456Z"),
             qPrintable(error));
    error.clear();
    QVERIFY(!import(file, &error));
    QVERIFY2(error.startsWith(u"line 2: 'ts' must look like"), qPrintable(error));
}

void tst_JsonlReader::keepsEveryYearItAccepts_data() {
    QTest::addColumn<QByteArray>("ts");
    QTest::newRow("first") << "0001-01-01T00:00:00.000000Z"_ba;
    QTest::newRow("three-digit year") << "0999-12-31T23:59:59.999999Z"_ba;
    QTest::newRow("before 1970") << "1969-12-31T23:59:59.999999Z"_ba;
    QTest::newRow("leap day") << "2024-02-29T12:00:00.000001Z"_ba;
    QTest::newRow("last") << "9999-12-31T23:59:59.999999Z"_ba;
}

void tst_JsonlReader::keepsEveryYearItAccepts() {
    QFETCH(QByteArray, ts);
    const QByteArray line = R"({"ts":")" + ts + R"(","seq":1,"event":"close","conn":1})" + '\n';
    QString error;
    const std::unique_ptr<CaptureStore> store = import(kHeader + line, &error);
    QVERIFY2(store, qPrintable(error));
    const QByteArray again = exported(*store);
    QCOMPARE(again, kHeader + line);
    QVERIFY2(import(again, &error), qPrintable(error));
}

void tst_JsonlReader::keepsLoneSurrogates_data() {
    QTest::addColumn<QByteArray>("escaped"); // a message as JSON writes it
    QTest::addColumn<QString>("text");
    // The issue's case: toUtf8() wrote a lone surrogate as '?'.
    QTest::newRow("lone high") << R"(\ud800)"_ba << QString(QChar(0xd800));
    QTest::newRow("lone low inside text") << R"(a\udc00b)"_ba << u"a"_s + QChar(0xdc00) + u"b"_s;
    QTest::newRow("pair reversed") << R"(\udc00\ud83d)"_ba << utf16({0xdc00, 0xd83d});
    QTest::newRow("high before a pair") << R"(\ud800)"
                                           "\xf0\x9f\x98\x80"_ba
                                        << utf16({0xd800, 0xd83d, 0xde00});
    QTest::newRow("after non-ASCII text") << "\xc3\xa9"
                                             R"(\udbff)"_ba
                                          << utf16({0xe9, 0xdbff});
}

void tst_JsonlReader::keepsLoneSurrogates() {
    QFETCH(QByteArray, escaped);
    QFETCH(QString, text);
    const QByteArray line =
        R"({"ts":"2026-11-25T12:47:26.123456Z","seq":1,"event":"error","message":")" + escaped +
        "\"}\n";
    QString error;
    const std::unique_ptr<CaptureStore> store = import(kHeader + line, &error);
    QVERIFY2(store, qPrintable(error));
    const EventBatch events = eventsOf(*store);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events[0].message, text);
    const QByteArray again = exported(*store);
    QCOMPARE(again, kHeader + line);
    const std::unique_ptr<CaptureStore> back = import(again, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(eventsOf(*back)[0].message, text);
}

void tst_JsonlReader::keepsTheOrderOfEventsWithoutSeq() {
    // seq is optional: a hand-written or filtered file may leave it out. The
    // export used to sort such events by seq alone, unstably, so that it
    // read back in another order.
    QByteArray file = kHeader;
    for (int i = 0; i < 40; ++i) {
        file += QStringLiteral(R"({"ts":"2026-11-25T12:47:26.%1Z","event":"data","conn":%2,)"
                               R"("dir":"in","size":1,"data":"%3"})")
                    .arg(i, 6, 10, QLatin1Char('0'))
                    .arg(1 + i % 3)
                    .arg(QString::fromLatin1(QByteArray(1, char('A' + i)).toBase64()))
                    .toUtf8() +
                '\n';
    }
    QString error;
    const std::unique_ptr<CaptureStore> store = import(file, &error);
    QVERIFY2(store, qPrintable(error));
    const QByteArray first = exported(*store);
    const std::unique_ptr<CaptureStore> back = import(first, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(exported(*back), first);
    // Within a connection, the file's order.
    QByteArray conn1;
    for (const CaptureEvent& e : eventsOf(*back)) {
        if (e.conn == 1)
            conn1 += e.data;
    }
    QCOMPARE(conn1, "ADGJMPSVY\\_beh"_ba);
}

void tst_JsonlReader::refusesDataWhoseSeqGoesBack() {
    // Found by fuzz_storefile: the store finds a connection's chunks by seq,
    // so the second event here was left out of every export.
    const QByteArray file =
        kHeader +
        R"({"ts":"2026-11-25T12:00:00.000002Z","seq":2,"event":"data","conn":1,"dir":"in","size":1,"data":"QQ=="})"
        "\n"
        R"({"ts":"2026-11-25T12:00:00.000003Z","seq":1,"event":"data","conn":1,"dir":"out","size":1,"data":"Qg=="})"
        "\n";
    const QString expected = u"line 3: 'seq' 1 comes after 2 on connection 1"_s;
    QString error;
    QVERIFY(!readInMemory(file, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    error.clear();
    QVERIFY(!import(file, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void tst_JsonlReader::givesARepeatedSeqItsOwn() {
    // Found by fuzz_storefile: the store finds a chunk by connection and
    // seq, so the second of two chunks that shared one showed the first's
    // bytes when selected.
    const QByteArray file =
        kHeader +
        R"({"ts":"2026-11-25T12:00:00.000002Z","seq":3,"event":"data","conn":1,"dir":"in","size":1,"data":"QQ=="})"
        "\n"
        R"({"ts":"2026-11-25T12:00:00.000003Z","seq":3,"event":"data","conn":1,"dir":"out","size":1,"data":"Qg=="})"
        "\n";
    QString error;
    const std::optional<EventBatch> inMemory = readInMemory(file, &error);
    QVERIFY2(inMemory, qPrintable(error));
    const std::unique_ptr<CaptureStore> store = import(file, &error);
    QVERIFY2(store, qPrintable(error));
    const EventBatch events = eventsOf(*store);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].seq, 3u);
    QCOMPARE(events[1].seq, 4u);
    QCOMPARE(inMemory->at(1).seq, 4u);
    QCOMPARE(store->payload(1, events[0].seq), "A"_ba);
    QCOMPARE(store->payload(1, events[1].seq), "B"_ba);
}

void tst_JsonlReader::refusesATlsObjectLargerThanAnyHandshake() {
    // A tls event is kept in memory, also by the indexing import; one line
    // may be 96 MiB, and a hostile file may hold millions of them.
    const auto tlsEvent = [](qsizetype helloBytes) {
        return R"({"ts":"2026-11-25T12:00:00.000002Z","seq":2,"event":"tls","conn":1,)"
               R"("tls":{"role":"client","ok":false,"client_hello":")" +
               QByteArray(helloBytes, 'a').toHex() + R"("}})" + '\n';
    };
    QString error;
    QVERIFY2(readInMemory(kHeader + tlsEvent(16 * 1024), &error), qPrintable(error));
    const QByteArray hostile = kHeader + tlsEvent(5 << 20);
    const QString expected = u"line 2: 'tls' holds more than 4 MiB"_s;
    QVERIFY(!readInMemory(hostile, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
    error.clear();
    QVERIFY(!import(hostile, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_JsonlReader)
#include "tst_jsonlreader.moc"
