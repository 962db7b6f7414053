#include "base/captureevent.h"
#include "formats/textencoding.h"

#include <QTest>

#include <limits>

using namespace sockscope;

class tst_TextEncoding final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void timestampMatchesFormatTimestampUs_data();
    void timestampMatchesFormatTimestampUs();
    void timestampCacheFollowsJumps();
    void numbers_data();
    void numbers();
    void hex();
    void escapedText_data();
    void escapedText();
    void printableUtf8_data();
    void printableUtf8();
};

void tst_TextEncoding::timestampMatchesFormatTimestampUs_data() {
    QTest::addColumn<qint64>("timeUs");
    QTest::newRow("epoch") << qint64(0);
    QTest::newRow("one micro") << qint64(1);
    QTest::newRow("before epoch") << qint64(-1);
    QTest::newRow("just before a second") << qint64(1795610846999999);
    QTest::newRow("on a second") << qint64(1795610847000000);
    QTest::newRow("fixture") << qint64(1795610846123456);
    QTest::newRow("pre-1970 fraction") << qint64(-1000001);
    QTest::newRow("year 9999") << qint64(253402300799999999);
}

void tst_TextEncoding::timestampMatchesFormatTimestampUs() {
    QFETCH(qint64, timeUs);
    QByteArray out = "x";
    appendTimestamp(out, timeUs);
    QCOMPARE(out, "x" + formatTimestampUs(timeUs).toLatin1());
}

void tst_TextEncoding::timestampCacheFollowsJumps() {
    for (const qint64 t : {qint64(1795610846000001), qint64(1795610847000002),
                           qint64(1795610846000003), qint64(-5), qint64(1795610846999999)}) {
        QByteArray out;
        appendTimestamp(out, t);
        QCOMPARE(out, formatTimestampUs(t).toLatin1());
    }
}

void tst_TextEncoding::numbers_data() {
    QTest::addColumn<qint64>("value");
    QTest::newRow("zero") << qint64(0);
    QTest::newRow("negative") << qint64(-42);
    QTest::newRow("max") << std::numeric_limits<qint64>::max();
    QTest::newRow("min") << std::numeric_limits<qint64>::min();
}

void tst_TextEncoding::numbers() {
    QFETCH(qint64, value);
    QByteArray out;
    appendNumber(out, value);
    QCOMPARE(out, QByteArray::number(value));
}

void tst_TextEncoding::hex() {
    QByteArray all;
    for (int i = 0; i < 256; ++i)
        all.append(char(i));
    QByteArray out = "0x";
    appendHex(out, all);
    QCOMPARE(out, "0x" + all.toHex());
}

void tst_TextEncoding::escapedText_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("plain") << QByteArray("GET / HTTP/1.1") << QByteArray("GET / HTTP/1.1");
    QTest::newRow("C escapes") << QByteArray("a\\b\nc\rd\te") << QByteArray(R"(a\\b\nc\rd\te)");
    QTest::newRow("NUL and DEL") << QByteArray("\0\x7f", 2) << QByteArray(R"(\x00\x7f)");
    QTest::newRow("ESC") << QByteArray("\x1b[31m") << QByteArray(R"(\x1b[31m)");
    QTest::newRow("valid UTF-8 kept") << QByteArray("\xc3\xa9\xe2\x98\x83\xf0\x9f\x98\x80")
                                      << QByteArray("\xc3\xa9\xe2\x98\x83\xf0\x9f\x98\x80");
    QTest::newRow("C1 control") << QByteArray("\xc2\x85") << QByteArray(R"(\xc2\x85)");
    QTest::newRow("lone continuation") << QByteArray("\x80z") << QByteArray(R"(\x80z)");
    QTest::newRow("cut sequence at end") << QByteArray("a\xe2\x98") << QByteArray(R"(a\xe2\x98)");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << QByteArray(R"(\xc0\xaf)");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << QByteArray(R"(\xed\xa0\x80)");
    QTest::newRow("above U+10FFFF")
        << QByteArray("\xf4\x90\x80\x80") << QByteArray(R"(\xf4\x90\x80\x80)");
    QTest::newRow("0xFF") << QByteArray("\xff") << QByteArray(R"(\xff)");
}

void tst_TextEncoding::escapedText() {
    QFETCH(QByteArray, bytes);
    QFETCH(QByteArray, text);
    QByteArray out;
    appendEscapedText(out, bytes);
    QCOMPARE(out, text);
}

void tst_TextEncoding::printableUtf8_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("printable");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("HTTP") << QByteArray("HTTP/1.0 200 OK\r\n\tx\r\n") << true;
    QTest::newRow("UTF-8") << QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80") << true;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << false;
    QTest::newRow("ESC") << QByteArray("\x1b[2J") << false;
    QTest::newRow("C1") << QByteArray("\xc2\x9b") << false;
    QTest::newRow("invalid") << QByteArray("\xc3\x28") << false;
    QTest::newRow("cut at end") << QByteArray("\xe2\x98") << false;
    QTest::newRow("bidi override") << QByteArray("abc\xe2\x80\xaetxt.exe") << false;
    QTest::newRow("bidi isolate") << QByteArray("\xe2\x81\xa6x") << false;
    QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8") << false;
}

void tst_TextEncoding::printableUtf8() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, printable);
    QCOMPARE(isPrintableUtf8(bytes), printable);
}

QTEST_GUILESS_MAIN(tst_TextEncoding)
#include "tst_textencoding.moc"
