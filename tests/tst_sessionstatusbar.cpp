#include "sessionstatusbar.h"

#include <QLabel>
#include <QTest>

using namespace sockscope;

class tst_SessionStatusBar final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void totals() {
        SessionStatusBar bar;
        bar.show();
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
        QVERIFY(bar.bytesLabel()->text().contains(u"1.5 KiB"));
        QVERIFY(bar.bytesLabel()->text().contains(u"10 B"));
        QVERIFY(bar.captureLabel()->text().contains(u"2.0 KiB of 1.0 MiB"));
        QVERIFY(bar.captureLabel()->isVisible());
    }

    void noCaptureBudgetNoCaptureLabel() {
        // A saved session's stats: no live capture to measure.
        SessionStatusBar bar;
        bar.show();
        SessionStats stats;
        stats.bytesIn = 10;
        bar.showStats(stats);
        QVERIFY(!bar.captureLabel()->isVisible());
        QVERIFY(bar.bytesLabel()->isVisible());
    }

    void droppedAndRecordingOnlyWhenThereIsSomething() {
        SessionStatusBar bar;
        bar.show();
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
        QCOMPARE(bar.recordingLabel()->text(), QStringLiteral("● Recording to live.jsonl (512 B)"));
        QVERIFY(bar.recordingLabel()->toolTip().contains(u"/tmp/live.jsonl"));
    }
};

QTEST_MAIN(tst_SessionStatusBar)
#include "tst_sessionstatusbar.moc"
