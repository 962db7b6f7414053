#include "sessionstatusbar.h"

#include <QLabel>
#include <QLayout>
#include <QTest>

using namespace sockscope;

class tst_SessionStatusBar final : public QObject {
    Q_OBJECT

    static void showAt(SessionStatusBar& bar, int width) {
        bar.resize(width, bar.sizeHint().height());
        bar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&bar));
    }

private Q_SLOTS:
    void totals() {
        SessionStatusBar bar;
        showAt(bar, 1280);
        SessionStats stats;
        stats.listeners = 2;
        stats.openConnections = 5;
        stats.bytesIn = 1536;
        stats.bytesOut = 10;
        stats.captureUsed = 2048;
        stats.captureBudget = 1024 * 1024;
        bar.showStats(stats);
        QCOMPARE(bar.listenersLabel()->text(), QStringLiteral("Listeners: 2"));
        QCOMPARE(bar.connectionsLabel()->text(), QStringLiteral("Open connections: 5"));
        QTRY_VERIFY(bar.bytesLabel()->text().contains(u"1.5 KiB"));
        QVERIFY(bar.bytesLabel()->text().contains(u"10 bytes"));
        QTRY_VERIFY(bar.captureLabel()->text().contains(u"2.0 KiB of 1.0 MiB"));
        QVERIFY(bar.captureLabel()->isVisible());
    }

    void noCaptureBudgetNoCaptureLabel() {
        // A saved session's stats: no live capture to measure.
        SessionStatusBar bar;
        showAt(bar, 1280);
        SessionStats stats;
        stats.bytesIn = 10;
        bar.showStats(stats);
        QVERIFY(!bar.captureLabel()->isVisible());
        QVERIFY(bar.bytesLabel()->isVisible());
    }

    void droppedAndRecordingOnlyWhenThereIsSomething() {
        SessionStatusBar bar;
        showAt(bar, 1280);
        SessionStats stats;
        bar.showStats(stats);
        QVERIFY(!bar.droppedLabel()->isVisible());
        QVERIFY(!bar.recordingLabel()->isVisible());

        stats.dropped.bytes = 3 * 1024 * 1024;
        stats.dropped.events = 7;
        stats.recordingPath = QStringLiteral("/tmp/live.jsonl");
        stats.recordedBytes = 512;
        bar.showStats(stats);
        QVERIFY(bar.droppedLabel()->isVisible());
        QVERIFY(bar.droppedLabel()->text().contains(u"3.0 MiB"));
        QVERIFY(bar.droppedLabel()->text().contains(u"7"));
        QVERIFY(bar.recordingLabel()->isVisible());
        QTRY_COMPARE(bar.recordingLabel()->text(),
                     QStringLiteral("● Recording to live.jsonl (512 bytes)"));
        QVERIFY(bar.recordingLabel()->toolTip().contains(u"/tmp/live.jsonl"));
    }

    void droppedIsNeverCut_data() {
        QTest::addColumn<int>("width");
        QTest::newRow("1024") << 1024;
        QTest::newRow("1280") << 1280;
    }

    void droppedIsNeverCut() {
        // Everything at once, with large figures, a long recording name and
        // a message: the Dropped warning stays whole, the totals give way.
        QFETCH(int, width);
        SessionStatusBar bar;
        showAt(bar, width);
        SessionStats stats;
        stats.listeners = 12;
        stats.openConnections = 10000;
        stats.bytesIn = 999ll << 30;
        stats.bytesOut = 999ll << 30;
        stats.captureUsed = 3ll << 30;
        stats.captureBudget = 4ll << 30;
        stats.dropped.bytes = 900ll << 30;
        stats.dropped.events = 123456789;
        stats.recordingPath = QStringLiteral("/tmp/a-long-name-for-a-recording-of-a-session.jsonl");
        stats.recordedBytes = 999ll << 30;
        bar.showStats(stats);
        bar.showMessage(QStringLiteral("Session exported to /tmp/somewhere/session.jsonl"));
        QLabel* dropped = bar.droppedLabel();
        const auto whole = [&] {
            return dropped->width() >= dropped->sizeHint().width() &&
                   bar.rect().contains(dropped->geometry());
        };
        QTRY_VERIFY2(whole(), qPrintable(QStringLiteral("%1 of %2 px at x %3 of %4")
                                             .arg(dropped->width())
                                             .arg(dropped->sizeHint().width())
                                             .arg(dropped->x())
                                             .arg(bar.width())));
        QVERIFY(bar.listenersLabel()->width() >= bar.listenersLabel()->sizeHint().width());
        QVERIFY(bar.connectionsLabel()->width() >= bar.connectionsLabel()->sizeHint().width());
        QVERIFY(bar.bytesLabel()->width() >= bar.bytesLabel()->sizeHint().width());
        QVERIFY(bar.captureLabel()->width() >= bar.captureLabel()->sizeHint().width());
        // The recording's name gave way.
        QVERIFY(bar.recordingLabel()->text().contains(u'…'));
        // Nothing in the bar asks for more than a small screen's width.
        QVERIFY(bar.minimumSizeHint().width() <= 1024);
    }
};

QTEST_MAIN(tst_SessionStatusBar)
#include "tst_sessionstatusbar.moc"
