#include "formats/bytecopy.h"

#include <QTest>

using namespace sockscope;

class tst_ByteCopy final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void formats_data() {
        QTest::addColumn<QList<QByteArray>>("payloads");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("expected");
        const QByteArray binary("a\x00\xff\xc3", 4); // NUL, 0xff, a cut UTF-8 sequence
        QTest::newRow("text kept")
            << QList<QByteArray>{"GET / HTTP/1.1\r\nHost: x\r\n"} << int(CopyFormat::Text)
            << QStringLiteral("GET / HTTP/1.1\r\nHost: x\r\n");
        QTest::newRow("text utf8") << QList<QByteArray>{"gr\xc3\xbc\xc3\x9f"}
                                   << int(CopyFormat::Text) << QStringLiteral("grüß");
        QTest::newRow("text binary escaped") << QList<QByteArray>{binary} << int(CopyFormat::Text)
                                             << QStringLiteral("a\\x00\\xff\\xc3");
        QTest::newRow("text two chunks")
            << QList<QByteArray>{"one", "two\n", "three"} << int(CopyFormat::Text)
            << QStringLiteral("one\ntwo\nthree");
        QTest::newRow("hex") << QList<QByteArray>{binary, "AB"} << int(CopyFormat::Hex)
                             << QStringLiteral("61 00 ff c3\n41 42");
        QTest::newRow("base64") << QList<QByteArray>{binary, QByteArray(1, '\xff')}
                                << int(CopyFormat::Base64) << QStringLiteral("YQD/ww==\n/w==");
        QTest::newRow("c array one")
            << QList<QByteArray>{binary} << int(CopyFormat::CArray)
            << QStringLiteral(
                   "const unsigned char payload[4] = {\n    0x61, 0x00, 0xff, 0xc3,\n};\n");
        QTest::newRow("c array two, lines of 12")
            << QList<QByteArray>{QByteArray(13, '\x01'), QByteArray(1, '\0')}
            << int(CopyFormat::CArray)
            << QStringLiteral("const unsigned char payload1[13] = {\n"
                              "    0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01, "
                              "0x01, 0x01,\n    0x01,\n};\n\n"
                              "const unsigned char payload2[1] = {\n    0x00,\n};\n");
    }
    void formats() {
        QFETCH(QList<QByteArray>, payloads);
        QFETCH(int, format);
        QFETCH(QString, expected);
        const QString text = formatForCopy(payloads, CopyFormat(format));
        QCOMPARE(text, expected);
        qint64 total = 0;
        for (const QByteArray& p : payloads)
            total += p.size();
        QVERIFY(text.size() <= copiedCharsBound(CopyFormat(format), total, payloads.size()));
    }

    void boundHoldsForTheWorstBytes() {
        // Every byte escaped: the bound must still hold, for every format.
        QByteArray worst;
        for (int i = 0; i < 4096; ++i)
            worst += char(i % 32 == 10 ? 0x7f : i % 32);
        for (const CopyFormat format :
             {CopyFormat::Text, CopyFormat::Hex, CopyFormat::CArray, CopyFormat::Base64}) {
            const QString text = formatForCopy({worst, worst.left(7)}, format);
            QVERIFY2(text.size() <= copiedCharsBound(format, worst.size() + 7, 2),
                     qPrintable(QString::number(int(format))));
        }
    }

    void base64RoundTrips() {
        QByteArray all;
        for (int i = 0; i < 256; ++i)
            all += char(i);
        QCOMPARE(QByteArray::fromBase64(formatForCopy({all}, CopyFormat::Base64).toLatin1()), all);
        QCOMPARE(QByteArray::fromHex(formatForCopy({all}, CopyFormat::Hex).toLatin1()), all);
    }
};

QTEST_APPLESS_MAIN(tst_ByteCopy)
#include "tst_bytecopy.moc"
