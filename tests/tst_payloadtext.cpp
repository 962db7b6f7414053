#include "base/payloadtext.h"

#include <QTest>

using namespace sockscope;

class tst_PayloadText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escapedPreview_data();
    void escapedPreview();
    void escapedPreviewOfHugeLineIsBounded();
    void escapedPreviewCountsThePayloadBeyondAPreview();
    void hexDump_data();
    void hexDump();
    void parseHexInput_data();
    void parseHexInput();
    void parseHexInputRejectsHugeInput();
    void unescapeText_data();
    void unescapeText();
};

void tst_PayloadText::escapedPreview_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("maxChars");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QByteArray() << 200 << QString();
    QTest::newRow("plain") << QByteArray("GET / HTTP/1.1") << 200 << u"GET / HTTP/1.1"_qs;
    QTest::newRow("line ends and tab") << QByteArray("a\r\nb\tc") << 200 << uR"(a\r\nb\tc)"_qs;
    QTest::newRow("backslash") << QByteArray("C:\\dir") << 200 << uR"(C:\\dir)"_qs;
    QTest::newRow("nul") << QByteArray("a\0b", 3) << 200 << uR"(a\x00b)"_qs;
    QTest::newRow("0xff") << QByteArray("\xff") << 200 << uR"(\xff)"_qs;
    QTest::newRow("del") << QByteArray("\x7f") << 200 << uR"(\x7f)"_qs;
    QTest::newRow("terminal escape")
        << QByteArray("\x1b[31mred\x1b[0m") << 200 << uR"(\x1b[31mred\x1b[0m)"_qs;
    QTest::newRow("valid utf-8") << QByteArray("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80") << 200
                                 << u"hé € 😀"_qs;
    QTest::newRow("stray continuation") << QByteArray("\x80ok") << 200 << uR"(\x80ok)"_qs;
    QTest::newRow("overlong") << QByteArray("\xc0\xaf") << 200 << uR"(\xc0\xaf)"_qs;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << 200 << uR"(\xed\xa0\x80)"_qs;
    QTest::newRow("beyond U+10FFFF")
        << QByteArray("\xf4\x90\x80\x80") << 200 << uR"(\xf4\x90\x80\x80)"_qs;
    QTest::newRow("bad byte inside sequence")
        << QByteArray("\xe2\x28\xa1") << 200 << uR"(\xe2(\xa1)"_qs;
    QTest::newRow("utf-8 cut at the end") << QByteArray("ab\xe2\x82") << 200 << uR"(ab\xe2\x82)"_qs;
    QTest::newRow("right-to-left override") << QByteArray("abc\xe2\x80\xae"
                                                          "fdp.exe")
                                            << 200 << uR"(abc\u{202e}fdp.exe)"_qs;
    QTest::newRow("bidi isolate") << QByteArray("\xe2\x81\xa6x\xe2\x81\xa9") << 200
                                  << uR"(\u{2066}x\u{2069})"_qs;
    QTest::newRow("left-to-right mark") << QByteArray("\xe2\x80\x8e") << 200 << uR"(\u{200e})"_qs;
    QTest::newRow("c1 control") << QByteArray("\xc2\x9b"
                                              "31m")
                                << 200 << uR"(\u{009b}31m)"_qs;
    QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8z") << 200 << uR"(a\u{2028}z)"_qs;
    QTest::newRow("exact fit") << QByteArray("abcde") << 5 << u"abcde"_qs;
    QTest::newRow("truncated") << QByteArray("abcdefgh") << 5 << u"abcde… +3 bytes"_qs;
    QTest::newRow("escape kept whole at the cut")
        << QByteArray("abc\ndef") << 4 << u"abc… +4 bytes"_qs;
    QTest::newRow("multibyte counted in bytes")
        << QByteArray("\xe2\x82\xac\xe2\x82\xac") << 1 << u"€… +3 bytes"_qs;
}

void tst_PayloadText::escapedPreview() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, maxChars);
    QFETCH(QString, expected);
    QCOMPARE(sockscope::escapedPreview(bytes, maxChars), expected);
}

void tst_PayloadText::escapedPreviewOfHugeLineIsBounded() {
    const QByteArray line(1 << 20, 'x');
    const QString preview = sockscope::escapedPreview(line);
    QCOMPARE(preview, QString(200, u'x') + u"… +1048376 bytes"_qs);
}

void tst_PayloadText::escapedPreviewCountsThePayloadBeyondAPreview() {
    // The first 4 bytes of a 1000-byte payload: the count is of the payload.
    QCOMPARE(sockscope::escapedPreview("abcd", 2, 1000), u"ab… +998 bytes"_qs);
    QCOMPARE(sockscope::escapedPreview("abcd", 10, 1000), u"abcd… +996 bytes"_qs);
    QCOMPARE(sockscope::escapedPreview("abcd", 10, 4), u"abcd"_qs);
}

void tst_PayloadText::hexDump_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("maxBytes");
    QTest::addColumn<QString>("expected");

    // The expected lines are what `hexdump -C` prints for the same bytes.
    QTest::newRow("empty") << QByteArray() << qsizetype(1024) << QString();
    QTest::newRow("two bytes")
        << QByteArray("AB") << qsizetype(1024)
        << u"00000000  41 42                                             |AB|"_qs;
    QTest::newRow("eleven bytes")
        << QByteArray("12345678abc") << qsizetype(1024)
        << u"00000000  31 32 33 34 35 36 37 38  61 62 63                 |12345678abc|"_qs;
    QTest::newRow("two lines")
        << QByteArray("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
                      "\x10hi~\x7f",
                      21)
        << qsizetype(1024)
        << u"00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|\n"
           u"00000010  10 68 69 7e 7f                                    |.hi~.|"_qs;
    QTest::newRow("cut at maxBytes")
        << QByteArray(20, '\xde') << qsizetype(16)
        << u"00000000  de de de de de de de de  de de de de de de de de  |................|\n"
           u"… +4 bytes not shown"_qs;
    QTest::newRow("nothing shown")
        << QByteArray("abc") << qsizetype(0) << u"… +3 bytes not shown"_qs;
}

void tst_PayloadText::hexDump() {
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, maxBytes);
    QFETCH(QString, expected);
    QCOMPARE(sockscope::hexDump(bytes, maxBytes), expected);
}

void tst_PayloadText::parseHexInput_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QString>("errorPart");

    const QByteArray deadbeef("\xde\xad\xbe\xef");
    QTest::newRow("spaced") << u"de ad be ef"_qs << true << deadbeef << QString();
    QTest::newRow("packed") << u"deadbeef"_qs << true << deadbeef << QString();
    QTest::newRow("upper with colons") << u"DE:AD:BE:EF"_qs << true << deadbeef << QString();
    QTest::newRow("0x prefixes") << u"0xde 0xad 0xBE 0XEF"_qs << true << deadbeef << QString();
    QTest::newRow("backslash x") << uR"(\x00\x01)"_qs << true << QByteArray("\x00\x01", 2)
                                 << QString();
    QTest::newRow("mixed whitespace")
        << u"de\n\tad  be\r\nef\n"_qs << true << deadbeef << QString();
    QTest::newRow("commas and dashes") << u"de,ad-be, ef"_qs << true << deadbeef << QString();
    QTest::newRow("zero byte in a group")
        << u"00ff"_qs << true << QByteArray("\x00\xff", 2) << QString();
    QTest::newRow("empty") << QString() << true << QByteArray() << QString();
    QTest::newRow("bad digit") << u"de ag"_qs << false << QByteArray()
                               << u"invalid character 'g' at position 5"_qs;
    QTest::newRow("no-break space separates")
        << u"de\u00a0ad"_qs << true << QByteArray("\xde\xad") << QString();
    QTest::newRow("control character") << u"de\u0001ad"_qs << false << QByteArray()
                                       << u"invalid character U+0001 at position 3"_qs;
    QTest::newRow("odd length") << u"dea"_qs << false << QByteArray()
                                << u"odd number of hex digits"_qs;
    QTest::newRow("odd group") << u"de a be"_qs << false << QByteArray()
                               << u"odd number of hex digits (1) in the group at position 4"_qs;
    QTest::newRow("0x inside a group")
        << u"de0xad"_qs << false << QByteArray() << u"invalid character 'x' at position 4"_qs;
}

void tst_PayloadText::parseHexInput() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, expected);
    QFETCH(QString, errorPart);

    QString error = u"stale"_qs;
    const std::optional<QByteArray> bytes = sockscope::parseHexInput(text, &error);
    QCOMPARE(bytes.has_value(), ok);
    if (ok) {
        QCOMPARE(*bytes, expected);
        QCOMPARE(error, QString());
    } else {
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }
}

void tst_PayloadText::parseHexInputRejectsHugeInput() {
    QString error;
    const QString limit(kMaxHexInputDigits, u'a');
    QVERIFY(sockscope::parseHexInput(limit, &error).has_value());
    QCOMPARE(sockscope::parseHexInput(limit, nullptr)->size(), kMaxHexInputDigits / 2);

    const QString tooMuch = limit + u"aa"_qs;
    QVERIFY(!sockscope::parseHexInput(tooMuch, &error).has_value());
    QVERIFY2(error.contains(u"more than 16 MiB"_qs), qPrintable(error));
}

void tst_PayloadText::unescapeText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QString>("errorPart");

    QTest::newRow("plain") << u"hello"_qs << QByteArray("hello") << QString();
    QTest::newRow("crlf") << uR"(GET / HTTP/1.0\r\n\r\n)"_qs << QByteArray("GET / HTTP/1.0\r\n\r\n")
                          << QString();
    QTest::newRow("tab and backslash") << uR"(a\tb\\c)"_qs << QByteArray("a\tb\\c") << QString();
    QTest::newRow("nul") << uR"(a\0b)"_qs << QByteArray("a\0b", 3) << QString();
    QTest::newRow("hex bytes") << uR"(\x41\xff\x00)"_qs << QByteArray("A\xff\x00", 3) << QString();
    QTest::newRow("utf-8") << u"é€"_qs << QByteArray("\xc3\xa9\xe2\x82\xac") << QString();
    QTest::newRow("empty") << QString() << QByteArray() << QString();
    QTest::newRow("unknown escape")
        << uR"(ab\q)"_qs << QByteArray() << uR"(unknown escape \q at position 3)"_qs;
    QTest::newRow("lone backslash") << uR"(ab\)"_qs << QByteArray() << u"lone backslash"_qs;
    QTest::newRow("short hex") << uR"(\x4)"_qs << QByteArray()
                               << uR"(\x at position 1 needs two hex digits)"_qs;
    QTest::newRow("bad hex") << uR"(\xzz)"_qs << QByteArray() << u"needs two hex digits"_qs;
}

void tst_PayloadText::unescapeText() {
    QFETCH(QString, text);
    QFETCH(QByteArray, expected);
    QFETCH(QString, errorPart);

    QString error = u"stale"_qs;
    QCOMPARE(sockscope::unescapeText(text, &error), expected);
    if (errorPart.isEmpty())
        QCOMPARE(error, QString());
    else
        QVERIFY2(error.contains(errorPart), qPrintable(error));
}

QTEST_GUILESS_MAIN(tst_PayloadText)
#include "tst_payloadtext.moc"
