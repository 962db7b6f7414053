#include "base/payloadtext.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace sockscope;

class tst_PayloadText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void escapedPreview_data();
    void escapedPreview();
    void escapedPreviewOfHugeLineIsBounded();
    void escapedPreviewCountsThePayloadBeyondAPreview();
    void escapedCharacters_data();
    void escapedCharacters();
    void escapedText_data();
    void escapedText();
    void printableUtf8_data();
    void printableUtf8();
    void withEscapedCharacters_data();
    void withEscapedCharacters();
    void roundTrip_data();
    void roundTrip();
    void roundTripOfEveryByteAndPair();
    void roundTripOfRandomBytes();
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
    QTest::newRow("BOM") << QByteArray("\xef\xbb\xbfhi") << 200 << uR"(\u{feff}hi)"_qs;
    QTest::newRow("NEL") << QByteArray("a\xc2\x85z") << 200 << uR"(a\u{0085}z)"_qs;
    QTest::newRow("escape counted whole at the cut")
        << QByteArray("ab\xef\xbb\xbf") << 9 << u"ab… +3 bytes"_qs;
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

// Every Unicode category the rule escapes, and the neighbours it keeps.
void tst_PayloadText::escapedCharacters_data() {
    QTest::addColumn<uint>("codePoint");
    QTest::addColumn<bool>("escaped");
    QTest::addColumn<QString>("text"); // escapedText() of its UTF-8

    const auto row = [](const char* name, char32_t cp, bool escaped, const QString& text) {
        QTest::newRow(name) << uint(cp) << escaped << text;
    };
    // Cc: controls. C0 and DEL are bytes, so \xHH; C1 are characters.
    row("Cc NUL", 0x0000, true, uR"(\x00)"_qs);
    row("Cc ESC", 0x001b, true, uR"(\x1b)"_qs);
    row("Cc DEL", 0x007f, true, uR"(\x7f)"_qs);
    row("Cc NEL", 0x0085, true, uR"(\u{0085})"_qs);
    row("Cc CSI", 0x009b, true, uR"(\u{009b})"_qs);
    // Cf: format characters, invisible or reordering.
    row("Cf soft hyphen", 0x00ad, true, uR"(\u{00ad})"_qs);
    row("Cf arabic letter mark", 0x061c, true, uR"(\u{061c})"_qs);
    row("Cf zero width space", 0x200b, true, uR"(\u{200b})"_qs);
    row("Cf left-to-right mark", 0x200e, true, uR"(\u{200e})"_qs);
    row("Cf right-to-left mark", 0x200f, true, uR"(\u{200f})"_qs);
    row("Cf LR embedding", 0x202a, true, uR"(\u{202a})"_qs);
    row("Cf pop directional", 0x202c, true, uR"(\u{202c})"_qs);
    row("Cf RL override", 0x202e, true, uR"(\u{202e})"_qs);
    row("Cf word joiner", 0x2060, true, uR"(\u{2060})"_qs);
    row("Cf LR isolate", 0x2066, true, uR"(\u{2066})"_qs);
    row("Cf pop isolate", 0x2069, true, uR"(\u{2069})"_qs);
    row("Cf BOM", 0xfeff, true, uR"(\u{feff})"_qs);
    row("Cf interlinear anchor", 0xfff9, true, uR"(\u{fff9})"_qs);
    row("Cf language tag", 0xe0001, true, uR"(\u{e0001})"_qs);
    row("Cf tag A", 0xe0041, true, uR"(\u{e0041})"_qs);
    row("Cf zero width non-joiner kept", 0x200c, false, u"\u200c"_qs);
    row("Cf zero width joiner kept", 0x200d, false, u"\u200d"_qs);
    // Zl, Zp: break the line. Zs: visible blanks, kept.
    row("Zl line separator", 0x2028, true, uR"(\u{2028})"_qs);
    row("Zp paragraph separator", 0x2029, true, uR"(\u{2029})"_qs);
    row("Zs space", 0x0020, false, u" "_qs);
    row("Zs no-break space", 0x00a0, false, u"\u00a0"_qs);
    row("Zs ideographic space", 0x3000, false, u"\u3000"_qs);
    // Co: private use, Cn: unassigned and noncharacters.
    row("Co BMP", 0xe000, true, uR"(\u{e000})"_qs);
    row("Co BMP last", 0xf8ff, true, uR"(\u{f8ff})"_qs);
    row("Co plane 15", 0xf0000, true, uR"(\u{f0000})"_qs);
    row("Co plane 16", 0x10fffd, true, uR"(\u{10fffd})"_qs);
    row("Cn unassigned", 0x0378, true, uR"(\u{0378})"_qs);
    row("Cn noncharacter FDD0", 0xfdd0, true, uR"(\u{fdd0})"_qs);
    row("Cn noncharacter FFFE", 0xfffe, true, uR"(\u{fffe})"_qs);
    row("Cn noncharacter FFFF", 0xffff, true, uR"(\u{ffff})"_qs);
    row("Cn last code point", 0x10ffff, true, uR"(\u{10ffff})"_qs);
    // Letters, marks, symbols and right-to-left letters are text.
    row("Ll", 0x00e9, false, u"é"_qs);
    row("Lo hebrew alef", 0x05d0, false, u"\u05d0"_qs);
    row("Lo arabic alef", 0x0627, false, u"\u0627"_qs);
    row("Mn combining acute", 0x0301, false, u"\u0301"_qs);
    row("Sc euro", 0x20ac, false, u"€"_qs);
    row("So emoji", 0x1f600, false, u"😀"_qs);
    row("So replacement character", 0xfffd, false, u"\ufffd"_qs);
}

void tst_PayloadText::escapedCharacters() {
    QFETCH(uint, codePoint);
    QFETCH(bool, escaped);
    QFETCH(QString, text);
    const char32_t cp = codePoint;
    QCOMPARE(isEscapedCharacter(cp), escaped);
    // Not QString::fromUcs4(), which takes a leading U+FEFF for a byte order mark.
    const QByteArray utf8 = QStringView(QChar::fromUcs4(cp)).toUtf8();
    QCOMPARE(sockscope::escapedText(utf8), text);
    QCOMPARE(sockscope::escapedPreview(utf8), text);
    QByteArray appended = "x";
    appendEscapedText(appended, utf8);
    QCOMPARE(appended, "x" + text.toUtf8());
    QCOMPARE(isPrintableUtf8(utf8), !escaped);
    QCOMPARE(sockscope::unescapeText(text, nullptr), utf8);
}

void tst_PayloadText::escapedText_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("plain") << QByteArray("GET / HTTP/1.1") << u"GET / HTTP/1.1"_qs;
    QTest::newRow("C escapes") << QByteArray("a\\b\nc\rd\te") << uR"(a\\b\nc\rd\te)"_qs;
    QTest::newRow("NUL and DEL") << QByteArray("\0\x7f", 2) << uR"(\x00\x7f)"_qs;
    QTest::newRow("ESC") << QByteArray("\x1b[31m") << uR"(\x1b[31m)"_qs;
    QTest::newRow("valid UTF-8 kept")
        << QByteArray("\xc3\xa9\xe2\x98\x83\xf0\x9f\x98\x80") << u"é☃😀"_qs;
    QTest::newRow("C1 control") << QByteArray("\xc2\x85") << uR"(\u{0085})"_qs;
    QTest::newRow("lone continuation") << QByteArray("\x80z") << uR"(\x80z)"_qs;
    QTest::newRow("cut sequence at end") << QByteArray("a\xe2\x98") << uR"(a\xe2\x98)"_qs;
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << uR"(\xc0\xaf)"_qs;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << uR"(\xed\xa0\x80)"_qs;
    QTest::newRow("above U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << uR"(\xf4\x90\x80\x80)"_qs;
    QTest::newRow("0xFF") << QByteArray("\xff") << uR"(\xff)"_qs;
    QTest::newRow("bidi override")
        << QByteArray("abc\xe2\x80\xaetxt.exe") << uR"(abc\u{202e}txt.exe)"_qs;
    QTest::newRow("no cut however long") << QByteArray(1000, 'a') << QString(1000, u'a');
}

void tst_PayloadText::escapedText() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QCOMPARE(sockscope::escapedText(bytes), text);
    // The writers' UTF-8 form is the same text.
    QByteArray out;
    appendEscapedText(out, bytes);
    QCOMPARE(out, text.toUtf8());
}

void tst_PayloadText::printableUtf8_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("printable");
    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("HTTP") << QByteArray("HTTP/1.0 200 OK\r\n\tx\r\n") << true;
    QTest::newRow("UTF-8") << QByteArray("caf\xc3\xa9 \xf0\x9f\x98\x80") << true;
    QTest::newRow("backslash") << QByteArray("C:\\dir") << true;
    QTest::newRow("no-break space") << QByteArray("a\xc2\xa0!") << true;
    QTest::newRow("zero width joiner") << QByteArray("\xe2\x80\x8d") << true;
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << false;
    QTest::newRow("ESC") << QByteArray("\x1b[2J") << false;
    QTest::newRow("C1") << QByteArray("\xc2\x9b") << false;
    QTest::newRow("invalid") << QByteArray("\xc3\x28") << false;
    QTest::newRow("cut at end") << QByteArray("\xe2\x98") << false;
    QTest::newRow("bidi override") << QByteArray("abc\xe2\x80\xaetxt.exe") << false;
    QTest::newRow("bidi isolate") << QByteArray("\xe2\x81\xa6x") << false;
    QTest::newRow("line separator") << QByteArray("a\xe2\x80\xa8") << false;
    QTest::newRow("BOM") << QByteArray("\xef\xbb\xbf{}") << false;
    QTest::newRow("private use") << QByteArray("\xee\x80\x80") << false;
}

void tst_PayloadText::printableUtf8() {
    QFETCH(QByteArray, bytes);
    QFETCH(bool, printable);
    QCOMPARE(isPrintableUtf8(bytes), printable);
}

void tst_PayloadText::withEscapedCharacters_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"connection refused"_qs << u"connection refused"_qs;
    QTest::newRow("backslash untouched") << uR"(a\b)"_qs << uR"(a\b)"_qs;
    QTest::newRow("lines kept") << u"a\nb\r\tc"_qs << u"a\nb\r\tc"_qs;
    QTest::newRow("C0") << u"a\u0001b"_qs << uR"(a\u{0001}b)"_qs;
    QTest::newRow("bidi override") << u"a\u202eb"_qs << uR"(a\u{202e}b)"_qs;
    QTest::newRow("BOM") << u"\ufeffx"_qs << uR"(\u{feff}x)"_qs;
    QTest::newRow("tag beyond the BMP") << u"x\U000E0041"_qs << uR"(x\u{e0041})"_qs;
    QTest::newRow("emoji kept") << u"😀"_qs << u"😀"_qs;
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) << uR"(\u{d800})"_qs;
}

void tst_PayloadText::withEscapedCharacters() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(sockscope::withEscapedCharacters(text), expected);
}

void tst_PayloadText::roundTrip_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("http") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    QTest::newRow("escapes typed literally") << QByteArray(R"(\x41\n\u{202e}\\)");
    // Its length from sizeof: it holds a NUL, and a counted length read past
    // the literal (ASan: global-buffer-overflow).
    static constexpr char kEveryEscape[] =
        "\0\x01\t\n\r\x1b\x7f\\\xc2\x85\xe2\x80\xae\xef\xbb\xbf\xee\x80\x80"
        "\xf3\xa0\x81\x81\xff\xc0\xaf\xed\xa0\x80\xe2\x98";
    QTest::newRow("every escape kind") << QByteArray(kEveryEscape, sizeof(kEveryEscape) - 1);
    QTest::newRow("text kept") << QByteArray("h\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
}

void tst_PayloadText::roundTrip() {
    QFETCH(QByteArray, bytes);
    QString error = u"stale"_qs;
    QCOMPARE(sockscope::unescapeText(sockscope::escapedText(bytes), &error), bytes);
    QCOMPARE(error, QString());
}

void tst_PayloadText::roundTripOfEveryByteAndPair() {
    for (int first = 0; first < 256; ++first) {
        for (int second = -1; second < 256; ++second) {
            QByteArray bytes(1, char(first));
            if (second >= 0)
                bytes += char(second);
            const QString text = sockscope::escapedText(bytes);
            if (sockscope::unescapeText(text, nullptr) != bytes)
                QFAIL(qPrintable(u"%1 read back differently from %2"_qs.arg(
                    QString::fromLatin1(bytes.toHex()), text)));
        }
    }
}

void tst_PayloadText::roundTripOfRandomBytes() {
    // Bytes drawn mostly from UTF-8 lead and continuation bytes and from
    // the start of the escaped ranges, so that sequences valid, cut and
    // deceptive all occur.
    static constexpr quint8 kBytes[] = {0x00, 0x0a, 0x1b, 0x20, 0x41, 0x5c, 0x7f, 0x80, 0x85, 0x8f,
                                        0x90, 0x9f, 0xa0, 0xad, 0xae, 0xbb, 0xbf, 0xc0, 0xc2, 0xdf,
                                        0xe0, 0xe2, 0xed, 0xee, 0xef, 0xf0, 0xf3, 0xf4, 0xf5, 0xff};
    QRandomGenerator random(15);
    for (int round = 0; round < 20'000; ++round) {
        QByteArray bytes(random.bounded(1, 24), Qt::Uninitialized);
        for (char& b : bytes)
            b = char(random.bounded(4) == 0 ? random.bounded(256)
                                            : kBytes[random.bounded(int(std::size(kBytes)))]);
        const QString text = sockscope::escapedText(bytes);
        QString error;
        const QByteArray back = sockscope::unescapeText(text, &error);
        if (back != bytes || !error.isEmpty())
            QFAIL(qPrintable(u"%1 gave %2, read back as %3 (%4)"_qs.arg(
                QString::fromLatin1(bytes.toHex()), text, QString::fromLatin1(back.toHex()),
                error)));
        QByteArray appended;
        appendEscapedText(appended, bytes);
        QCOMPARE(appended, text.toUtf8());
        QCOMPARE(isPrintableUtf8(bytes),
                 !text.contains(QRegularExpression(uR"((^|[^\\])(\\\\)*\\[xu])"_qs)));
    }
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
    QTest::newRow("lone backslash names its position")
        << uR"(ab\)"_qs << QByteArray() << u"lone backslash at position 3"_qs;
    QTest::newRow("short hex says how")
        << uR"(ab\x4)"_qs << QByteArray() << uR"(\x at position 3 needs two hex digits (\x04)"_qs;
    QTest::newRow("short hex before text")
        << uR"(\x4g)"_qs << QByteArray() << u"needs two hex digits"_qs;
    QTest::newRow("unknown escape quote")
        << uR"(say \"hi\")"_qs << QByteArray() << uR"(unknown escape \" at position 5)"_qs;
    QTest::newRow("upper X is no escape")
        << uR"(\X41)"_qs << QByteArray() << uR"(unknown escape \X at position 1)"_qs;
    QTest::newRow("code point") << uR"(a\u{202e}b)"_qs
                                << QByteArray("a\xe2\x80\xae"
                                              "b")
                                << QString();
    QTest::newRow("code point, upper digits")
        << uR"(\u{FEFF})"_qs << QByteArray("\xef\xbb\xbf") << QString();
    QTest::newRow("code point, one digit") << uR"(\u{41})"_qs << QByteArray("A") << QString();
    QTest::newRow("code point zero") << uR"(\u{0})"_qs << QByteArray("\0", 1) << QString();
    QTest::newRow("last code point")
        << uR"(\u{10ffff})"_qs << QByteArray("\xf4\x8f\xbf\xbf") << QString();
    QTest::newRow("code point without braces")
        << uR"(x\u202e)"_qs << QByteArray() << uR"(\u at position 2 needs 1 to 6 hex digits)"_qs;
    QTest::newRow("code point empty")
        << uR"(\u{})"_qs << QByteArray() << u"needs 1 to 6 hex digits"_qs;
    QTest::newRow("code point unclosed")
        << uR"(\u{12)"_qs << QByteArray() << u"needs 1 to 6 hex digits"_qs;
    QTest::newRow("code point too long")
        << uR"(\u{0000041})"_qs << QByteArray() << u"needs 1 to 6 hex digits"_qs;
    QTest::newRow("code point too large")
        << uR"(\u{110000})"_qs << QByteArray() << uR"(\u{110000} at position 1 is no character)"_qs;
    QTest::newRow("surrogate code point")
        << uR"(\u{d800})"_qs << QByteArray() << u"is no character"_qs;
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
