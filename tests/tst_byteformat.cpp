// formatBytes(): sizes as QLocale words them, one decimal, binary units.
#include "models/byteformat.h"

#include <QLocale>
#include <QTest>

#include <limits>

class tst_ByteFormat final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void formatBytes_data();
    void formatBytes();
};

void tst_ByteFormat::cleanup() {
    QLocale::setDefault(QLocale::system());
}

void tst_ByteFormat::formatBytes_data() {
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("expected");

    const QLocale en(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("zero") << en << qint64(0) << u"0 bytes"_qs;
    QTest::newRow("512") << en << qint64(512) << u"512 bytes"_qs;
    QTest::newRow("1023") << en << qint64(1023) << u"1,023 bytes"_qs;
    QTest::newRow("1 KiB") << en << qint64(1024) << u"1.0 KiB"_qs;
    QTest::newRow("1.5 KiB") << en << qint64(1536) << u"1.5 KiB"_qs;
    QTest::newRow("1.5 MiB") << en << qint64(3 << 19) << u"1.5 MiB"_qs;
    QTest::newRow("rounds to 1023.9 KiB") << en << qint64(1024 * 1024 - 103) << u"1,023.9 KiB"_qs;
    QTest::newRow("rounds up to 1 MiB") << en << qint64(1024 * 1024 - 51) << u"1.0 MiB"_qs;
    QTest::newRow("just under 1 MiB") << en << qint64(1024 * 1024 - 1) << u"1.0 MiB"_qs;
    QTest::newRow("just under 1 GiB") << en << (qint64(1) << 30) - 1 << u"1.0 GiB"_qs;
    QTest::newRow("2 GiB") << en << (qint64(2) << 30) << u"2.0 GiB"_qs;
    QTest::newRow("negative") << en << qint64(-1536) << u"-1.5 KiB"_qs;
    QTest::newRow("negative, rounds up") << en << -(qint64(1024) * 1024 - 1) << u"-1.0 MiB"_qs;
    QTest::newRow("largest") << en << std::numeric_limits<qint64>::max() << u"8.0 EiB"_qs;
    QTest::newRow("smallest") << en << std::numeric_limits<qint64>::min() << u"-8.0 EiB"_qs;
    const QLocale de(QLocale::German, QLocale::Germany);
    QTest::newRow("German decimal comma") << de << qint64(1536) << u"1,5 KiB"_qs;
    QTest::newRow("German digit groups") << de << qint64(1023) << u"1.023 Bytes"_qs;
}

void tst_ByteFormat::formatBytes() {
    QFETCH(QLocale, locale);
    QFETCH(qint64, bytes);
    QFETCH(QString, expected);
    QLocale::setDefault(locale);
    QCOMPARE(sockscope::formatBytes(bytes), expected);
}

QTEST_GUILESS_MAIN(tst_ByteFormat)
#include "tst_byteformat.moc"
