// Re-framing one direction of a stream: whatever the chunking, the same
// messages at the same offsets, stamped with the chunk that completed them.
#include "capture/streamframer.h"

#include <QTest>

using namespace sockscope;

namespace {
using Mode = FramingRule::Mode;

struct Expected {
    qint64 offset;
    qint64 frameSize;
    QByteArray payload;
};

QByteArray prefix(qint64 length, int bytes, bool bigEndian) {
    QByteArray out(bytes, '\0');
    for (int i = 0; i < bytes; ++i)
        out[bigEndian ? bytes - 1 - i : i] = char((length >> (8 * i)) & 0xff);
    return out;
}

// Payloads of awkward sizes and contents, including an empty one and ones
// longer than the largest piece.
QList<QByteArray> payloads(qsizetype maxSize) {
    QByteArray big;
    for (int i = 0; big.size() < 100000; ++i)
        big += QByteArray::number(i) + ' ';
    QList<QByteArray> out{QByteArray("hello"),   QByteArray(), QByteArray("a\rb"),
                          QByteArray(1000, 'x'), big,          QByteArray("tail-message")};
    for (QByteArray& payload : out)
        payload.truncate(maxSize);
    return out;
}
} // namespace

class tst_StreamFramer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void splitsHoweverChunked_data();
    void splitsHoweverChunked();
    void lineEndsAreStripped();
    void refusesOversizedLength_data();
    void refusesOversizedLength();
    void refusesEndlessLine();
    void refusesBadRules_data();
    void refusesBadRules();
    void takeMessagesHandsOverOnce();
    void stopsAtAGap();
};

void tst_StreamFramer::splitsHoweverChunked_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<int>("prefixBytes");
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<QList<int>>("pieces");
    const QList<QList<int>> chunkings{{1}, {3}, {7}, {64 * 1024 + 1}, {1, 3, 7, 64 * 1024 + 1}};
    const QStringList chunkNames{"1", "3", "7", "64KiB+1", "mixed"};
    for (qsizetype c = 0; c < chunkings.size(); ++c) {
        const QByteArray n = chunkNames[c].toLatin1();
        const QList<int>& pieces = chunkings[c];
        QTest::newRow("line \\n, " + n)
            << int(Mode::Line) << QByteArray("\n") << 0 << true << pieces;
        QTest::newRow("line \\r\\n, " + n)
            << int(Mode::Line) << QByteArray("\r\n") << 0 << true << pieces;
        QTest::newRow("delimiter NUL NUL, " + n)
            << int(Mode::Delimiter) << QByteArray("\0\0", 2) << 0 << true << pieces;
        QTest::newRow("delimiter END, " + n)
            << int(Mode::Delimiter) << QByteArray("<END>") << 0 << true << pieces;
        for (int bytes : {1, 2, 4}) {
            for (bool big : {true, false}) {
                QTest::newRow(QByteArray::number(bytes) + "-byte " + (big ? "BE" : "LE") +
                              " prefix, " + n)
                    << int(Mode::LengthPrefix) << QByteArray() << bytes << big << pieces;
            }
        }
    }
}

void tst_StreamFramer::splitsHoweverChunked() {
    QFETCH(int, mode);
    QFETCH(QByteArray, delimiter);
    QFETCH(int, prefixBytes);
    QFETCH(bool, bigEndian);
    QFETCH(QList<int>, pieces);

    FramingRule rule;
    rule.mode = Mode(mode);
    rule.delimiter = delimiter;
    rule.prefixBytes = prefixBytes;
    rule.bigEndian = bigEndian;
    // What the prefix can say: 255 for one byte, 65535 for two.
    const qsizetype maxSize = prefixBytes == 0 || prefixBytes == 4
                                  ? qsizetype(1) << 20
                                  : (qsizetype(1) << (8 * prefixBytes)) - 1;
    QByteArray stream;
    QList<Expected> expected;
    for (const QByteArray& payload : payloads(maxSize)) {
        // A delimiter never occurs inside its own messages.
        QByteArray body = payload;
        if (rule.mode == Mode::Delimiter)
            body.replace(delimiter, "_");
        QByteArray frame;
        if (rule.mode == Mode::LengthPrefix)
            frame = prefix(body.size(), prefixBytes, bigEndian) + body;
        else
            frame = body + delimiter; // "\n" or "\r\n" for lines
        expected.append({stream.size(), frame.size(), body});
        stream += frame;
    }
    const QByteArray incomplete = rule.mode == Mode::LengthPrefix
                                      ? prefix(10, prefixBytes, bigEndian) + "part"
                                      : QByteArray("no end yet");
    stream += incomplete;

    // Chunk i is stamped 1000 + i: a message carries the stamp of the chunk
    // holding its last byte.
    StreamFramer framer(rule);
    QList<qint64> chunkEnds;
    qsizetype at = 0;
    for (int i = 0; at < stream.size(); ++i) {
        const qsizetype size = std::min<qsizetype>(pieces[i % pieces.size()], stream.size() - at);
        framer.append(QByteArrayView(stream).sliced(at, size), 1000 + i);
        at += size;
        chunkEnds << at;
    }
    QVERIFY2(!framer.hasError(), qPrintable(framer.error()));
    const QList<FramedMessage>& messages = framer.messages();
    QCOMPARE(messages.size(), expected.size());
    for (qsizetype i = 0; i < messages.size(); ++i) {
        QCOMPARE(messages[i].offset, expected[i].offset);
        QCOMPARE(messages[i].frameSize, expected[i].frameSize);
        QCOMPARE(messages[i].payload, expected[i].payload);
        const qint64 lastByte = expected[i].offset + expected[i].frameSize;
        const auto chunk = std::lower_bound(chunkEnds.begin(), chunkEnds.end(), lastByte);
        QCOMPARE(messages[i].timeUs, 1000 + qint64(chunk - chunkEnds.begin()));
    }
    QCOMPARE(framer.tail().toByteArray(), incomplete);
    QCOMPARE(framer.tailOffset(), stream.size() - incomplete.size());
}

void tst_StreamFramer::lineEndsAreStripped() {
    StreamFramer framer(FramingRule{});
    framer.append("one\r\ntwo\nthree\r\r\n\n", 1);
    QStringList lines;
    for (const FramedMessage& m : framer.messages())
        lines << QString::fromLatin1(m.payload);
    // Only the "\r" right before "\n" belongs to the line end.
    QCOMPARE(lines, (QStringList{"one", "two", "three\r", ""}));
    QCOMPARE(framer.messages()[2].frameSize, 8);
}

void tst_StreamFramer::refusesOversizedLength_data() {
    QTest::addColumn<int>("prefixBytes");
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<QByteArray>("badPrefix");
    QTest::newRow("4-byte BE, 4 GiB") << 4 << true << QByteArray("\xff\xff\xff\xff", 4);
    QTest::newRow("4-byte LE, 16 MiB + 1") << 4 << false << QByteArray("\x01\x00\x00\x01", 4);
    QTest::newRow("2-byte BE over a 1000-byte limit") << 2 << true << QByteArray("\x03\xe9", 2);
    QTest::newRow("1-byte over a 100-byte limit") << 1 << true << QByteArray("\xc8", 1);
}

void tst_StreamFramer::refusesOversizedLength() {
    QFETCH(int, prefixBytes);
    QFETCH(bool, bigEndian);
    QFETCH(QByteArray, badPrefix);
    FramingRule rule;
    rule.mode = Mode::LengthPrefix;
    rule.prefixBytes = prefixBytes;
    rule.bigEndian = bigEndian;
    rule.maxMessageSize =
        prefixBytes == 4 ? FramingRule::kDefaultMaxMessageSize : (prefixBytes == 2 ? 1000 : 100);
    const QByteArray good = prefix(2, prefixBytes, bigEndian) + "ok";
    StreamFramer framer(rule);
    framer.append(good + badPrefix.left(1), 1);
    framer.append(badPrefix.mid(1) + QByteArray(5000, 'z'), 2);
    framer.append(QByteArray(100, 'z'), 3);
    QCOMPARE(framer.messages().size(), 1); // what came before is kept
    QVERIFY(framer.hasError());
    QCOMPARE(framer.errorOffset(), good.size());
    QVERIFY2(framer.error().contains(u"limit"), qPrintable(framer.error()));
    // Nothing after a bad length can be trusted, and none of it is kept.
    QVERIFY(framer.tail().isEmpty());
    QCOMPARE(framer.bytesAfterError(), badPrefix.size() + 5000 + 100);
    QCOMPARE(framer.messages().size(), 1);
}

void tst_StreamFramer::refusesEndlessLine() {
    FramingRule rule;
    rule.maxMessageSize = 64;
    StreamFramer framer(rule);
    framer.append("short\n", 1);
    for (int i = 0; i < 10; ++i)
        framer.append(QByteArray(10, 'x'), 2);
    QVERIFY(framer.hasError());
    QCOMPARE(framer.errorOffset(), 6);
    QCOMPARE(framer.messages().size(), 1);
    QVERIFY(framer.tail().isEmpty());

    // A message of exactly the limit is fine, even with its delimiter split.
    FramingRule exact;
    exact.mode = Mode::Delimiter;
    exact.delimiter = "<END>";
    exact.maxMessageSize = 8;
    StreamFramer fits(exact);
    fits.append("12345678<E", 1);
    fits.append("ND>", 2);
    QVERIFY2(!fits.hasError(), qPrintable(fits.error()));
    QCOMPARE(fits.messages().size(), 1);
    QCOMPARE(fits.messages()[0].payload, QByteArray("12345678"));
}

void tst_StreamFramer::refusesBadRules_data() {
    QTest::addColumn<int>("mode");
    QTest::addColumn<QByteArray>("delimiter");
    QTest::addColumn<int>("prefixBytes");
    QTest::addColumn<qint64>("maxSize");
    QTest::newRow("empty delimiter") << int(Mode::Delimiter) << QByteArray() << 4 << qint64(100);
    QTest::newRow("3-byte prefix") << int(Mode::LengthPrefix) << QByteArray() << 3 << qint64(100);
    QTest::newRow("8-byte prefix") << int(Mode::LengthPrefix) << QByteArray() << 8 << qint64(100);
    QTest::newRow("no size limit") << int(Mode::Line) << QByteArray() << 4 << qint64(0);
}

void tst_StreamFramer::refusesBadRules() {
    QFETCH(int, mode);
    QFETCH(QByteArray, delimiter);
    QFETCH(int, prefixBytes);
    QFETCH(qint64, maxSize);
    FramingRule rule;
    rule.mode = Mode(mode);
    rule.delimiter = delimiter;
    rule.prefixBytes = prefixBytes;
    rule.maxMessageSize = maxSize;
    StreamFramer framer(rule);
    QVERIFY(framer.hasError());
    framer.append("data\n", 1);
    QVERIFY(framer.messages().isEmpty());
    QCOMPARE(framer.bytesAfterError(), 5);
}

void tst_StreamFramer::takeMessagesHandsOverOnce() {
    StreamFramer framer(FramingRule{});
    framer.append("a\nb\nc", 1);
    QCOMPARE(framer.takeMessages().size(), 2);
    QVERIFY(framer.messages().isEmpty());
    framer.append("\n", 2);
    const QList<FramedMessage> rest = framer.takeMessages();
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest[0].payload, QByteArray("c"));
    QCOMPARE(rest[0].offset, 4);
    QCOMPARE(rest[0].timeUs, 2);
}

void tst_StreamFramer::stopsAtAGap() {
    StreamFramer framer(FramingRule{});
    framer.append("one\ntw", 1);
    framer.appendGap(1000);
    framer.append("o\nthree\n", 2);
    // The message cut by the gap and everything after it cannot be trusted.
    QCOMPARE(framer.messages().size(), 1);
    QVERIFY(framer.hasError());
    QCOMPARE(framer.errorOffset(), 6);
    QVERIFY2(framer.error().contains(u"1000 bytes were not kept in the capture"),
             qPrintable(framer.error()));
    QVERIFY(framer.tail().isEmpty());
    QCOMPARE(framer.bytesAfterError(), 2 + 1000 + 8);
}

QTEST_GUILESS_MAIN(tst_StreamFramer)
#include "tst_streamframer.moc"
