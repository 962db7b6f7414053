#include "trafficfilterbar.h"
#include "trafficfiltermodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>

using namespace sockscope;

class tst_TrafficFilterBar final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void longStatusTextWrapsInsteadOfWideningTheWindow() {
        // Seen at 1280: the count's note about the payload read bound held
        // the window wider than the screen.
        TrafficFilterBar bar;
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
        const int narrow = bar.minimumSizeHint().width();
        bar.setCount(QStringLiteral("0 of 4,123 chunks; past 16.0 MiB of payload, rows matched on "
                                    "their first 256 bytes only"));
        bar.layout()->activate();
        QVERIFY2(
            bar.minimumSizeHint().width() <= narrow + 50,
            qPrintable(QStringLiteral("%1 > %2").arg(bar.minimumSizeHint().width()).arg(narrow)));
    }

    void typingFiltersOnceAfterThePause() {
        TrafficFilterBar bar;
        bar.open();
        QSignalSpy changed(&bar, &TrafficFilterBar::filterChanged);
        QTest::keyClicks(bar.patternEdit(), QStringLiteral("GET /"));
        QCOMPARE(changed.count(), 0);
        QTRY_COMPARE(changed.count(), 1);
        const std::optional<BytePattern> pattern = bar.pattern();
        QVERIFY(pattern);
        QCOMPARE(pattern->bytes(), QByteArray("get /"));
        QVERIFY(pattern->ignoresAsciiCase());
        QCOMPARE(bar.narrowing(), u"holding “GET /”");
    }

    void enterFindsAtOnceShiftEnterBackward() {
        TrafficFilterBar bar;
        bar.open();
        QSignalSpy changed(&bar, &TrafficFilterBar::filterChanged);
        QSignalSpy find(&bar, &TrafficFilterBar::findRequested);
        QTest::keyClicks(bar.patternEdit(), QStringLiteral("x"));
        QTest::keyClick(bar.patternEdit(), Qt::Key_Return);
        QCOMPARE(changed.count(), 1); // the pause is cut short
        QCOMPARE(find.count(), 1);
        QCOMPARE(find.at(0).at(0).toBool(), false);
        QTest::keyClick(bar.patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(find.count(), 2);
        QCOMPARE(find.at(1).at(0).toBool(), true);
        QCOMPARE(changed.count(), 1);
    }

    void textEscapesAsTheTableShowsThem() {
        TrafficFilterBar bar;
        bar.patternEdit()->setText(QStringLiteral("\\r\\n\\x00"));
        const std::optional<BytePattern> pattern = bar.pattern();
        QVERIFY(pattern);
        QCOMPARE(pattern->bytes(), QByteArray("\r\n\x00", 3));
        bar.patternEdit()->setText(QStringLiteral("\\q"));
        QVERIFY(!bar.pattern());
        QVERIFY(!bar.errorLabel()->text().isEmpty());
    }

    void hexIsLenientAndBadHexSaysWhy_data() {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("spaced") << u"de ad be ef"_qs << QByteArray("\xde\xad\xbe\xef");
        QTest::newRow("packed") << u"DEADBEEF"_qs << QByteArray("\xde\xad\xbe\xef");
        QTest::newRow("colons") << u"de:ad"_qs << QByteArray("\xde\xad");
        QTest::newRow("zero") << u"00 ff"_qs << QByteArray("\x00\xff", 2);
        QTest::newRow("bad digit") << u"de ag"_qs << QByteArray();
        QTest::newRow("odd") << u"dea"_qs << QByteArray();
    }
    void hexIsLenientAndBadHexSaysWhy() {
        QFETCH(QString, typed);
        QFETCH(QByteArray, bytes);
        TrafficFilterBar bar;
        bar.show();
        QTest::mouseClick(bar.hexBox(), Qt::LeftButton, {}, QPoint(8, bar.hexBox()->height() / 2));
        QVERIFY(bar.hexBox()->isChecked());
        QTest::keyClicks(bar.patternEdit(), typed);
        const std::optional<BytePattern> pattern = bar.pattern();
        if (bytes.isEmpty()) {
            QVERIFY(!pattern);
            QVERIFY2(bar.errorLabel()->text().startsWith(u"Not hex"),
                     qPrintable(bar.errorLabel()->text()));
            QVERIFY(bar.errorLabel()->isVisible());
            QVERIFY(bar.narrowing().isEmpty());
        } else {
            QVERIFY(pattern);
            QCOMPARE(pattern->bytes(), bytes);
            QVERIFY(!pattern->ignoresAsciiCase());
            QVERIFY(bar.errorLabel()->text().isEmpty());
        }
    }

    void escapeResetsEverything() {
        TrafficFilterBar bar;
        bar.setListeners({{4, *SocketAddress::fromString(u"127.0.0.1:80")}});
        bar.open();
        QTest::keyClicks(bar.patternEdit(), QStringLiteral("abc"));
        bar.directionBox()->setCurrentIndex(2);
        bar.listenerBox()->setCurrentIndex(bar.listenerBox()->findData(4));
        QCOMPARE(bar.listener(), 4);
        QCOMPARE(bar.direction(), Direction::Out);
        QCOMPARE(bar.narrowing(), u"Listener #4 on 127.0.0.1:80, sent only, holding “abc”");
        QSignalSpy changed(&bar, &TrafficFilterBar::filterChanged);
        QTest::keyClick(bar.patternEdit(), Qt::Key_Escape);
        QVERIFY(!bar.isVisible());
        QCOMPARE(changed.count(), 1);
        QVERIFY(bar.patternEdit()->text().isEmpty());
        QCOMPARE(bar.direction(), Direction::None);
        QCOMPARE(bar.listener(), 0);
        QVERIFY(bar.narrowing().isEmpty());
    }

    void aListenerThatLeavesResetsTheChoice() {
        TrafficFilterBar bar;
        bar.setListeners({{4, *SocketAddress::fromString(u"127.0.0.1:80")},
                          {5, *SocketAddress::fromString(u"[::1]:81")}});
        QCOMPARE(bar.listenerBox()->count(), 4);
        bar.listenerBox()->setCurrentIndex(bar.listenerBox()->findData(5));
        QSignalSpy changed(&bar, &TrafficFilterBar::filterChanged);
        bar.setListeners({{5, *SocketAddress::fromString(u"[::1]:81")}});
        QCOMPARE(bar.listener(), 5);
        QCOMPARE(changed.count(), 0);
        bar.setListeners({});
        QCOMPARE(bar.listener(), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(bar.listenerBox()->itemData(1).toInt(), TrafficFilterModel::kOutgoingClients);
    }
};

QTEST_MAIN(tst_TrafficFilterBar)
#include "tst_trafficfilterbar.moc"
