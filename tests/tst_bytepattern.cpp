#include "capture/bytepattern.h"

#include <QTest>

using namespace sockscope;

class tst_BytePattern final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void found_data() {
        QTest::addColumn<QByteArray>("needle");
        QTest::addColumn<bool>("ignoreCase");
        QTest::addColumn<QByteArray>("haystack");
        QTest::addColumn<bool>("found");
        QTest::newRow("empty") << QByteArray() << true << QByteArray("x") << true;
        QTest::newRow("exact") << QByteArray("beta") << false << QByteArray("alpha beta") << true;
        QTest::newRow("exact case") << QByteArray("beta") << false << QByteArray("Beta") << false;
        QTest::newRow("folded") << QByteArray("bEtA") << true << QByteArray("xxBETAxx") << true;
        QTest::newRow("at start") << QByteArray("get") << true << QByteArray("GET /") << true;
        QTest::newRow("at end") << QByteArray("1.1") << true << QByteArray("HTTP/1.1") << true;
        QTest::newRow("longer") << QByteArray("abcdef") << true << QByteArray("abcde") << false;
        QTest::newRow("binary") << QByteArray("\x00\xff", 2) << false
                                << QByteArray("a\x00\xff"
                                              "b",
                                              4)
                                << true;
        // Only ASCII letters fold: 0xc3 0x9c is not 0xc3 0xbc.
        QTest::newRow("not utf8 folding")
            << QByteArray("\xc3\xbc") << true << QByteArray("\xc3\x9c") << false;
        QTest::newRow("skip past partial")
            << QByteArray("aab") << true << QByteArray("aaaaAAB") << true;
        QTest::newRow("missing") << QByteArray("zz") << true << QByteArray("abcabc") << false;
    }
    void found() {
        QFETCH(QByteArray, needle);
        QFETCH(bool, ignoreCase);
        QFETCH(QByteArray, haystack);
        QFETCH(bool, found);
        QCOMPARE(BytePattern(needle, ignoreCase).isFoundIn(haystack), found);
    }
};

QTEST_APPLESS_MAIN(tst_BytePattern)
#include "tst_bytepattern.moc"
