// Find in the Follow stream: the search runs on a worker thread over the
// real capture store, reports its progress, can be cancelled or abandoned
// at any moment, and each match is a jump of the view.
#include "capture/capturestore.h"
#include "capture/streamsearch.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "followstreamview.h"
#include "streamfindbar.h"

#include <QAction>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <functional>
#include <memory>

using namespace sockscope;

namespace {

// "line 00000042 ........\n": 64 bytes, so line n starts at offset 64 n.
QByteArray numberedLine(int n, const QByteArray& text = {}) {
    QByteArray line = "line " + QByteArray::number(n).rightJustified(8, '0') + ' ' + text;
    return line.leftJustified(63, '.') + '\n';
}

// Boyer-Moore's worst case: against a run of 'a' every position compares
// the whole pattern before the 'b' fails it, so a search of a few MiB takes
// long enough to be caught running, in any build.
const QByteArray kSlowPattern = 'b' + QByteArray(191, 'a');
constexpr int kSlowStreamMiB = 64;

} // namespace

class tst_StreamFindBar final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    std::unique_ptr<FakeSessionSource> m_session;
    // The window: a line edit outside the Follow stream, and the page the
    // find shortcut covers, holding the bar and the view.
    std::unique_ptr<QWidget> m_window;
    QLineEdit* m_outside = nullptr;
    QWidget* m_page = nullptr;
    FollowStreamView* m_view = nullptr;
    StreamFindBar* m_bar = nullptr;

    void add(int conn, Direction dir, const QByteArray& bytes) {
        m_session->add(m_events.data(conn, dir, bytes));
    }
    // As a live session does: appended, then the batch reaches the view.
    void grow(int conn, Direction dir, const QByteArray& bytes) {
        const CaptureEvent event = m_events.data(conn, dir, bytes);
        m_session->add(event);
        m_view->appendBatch({event});
    }
    void addNumberedLines(int conn, int count, const QList<int>& needles) {
        QByteArray bytes;
        for (int n = 0; n < count; ++n)
            bytes += numberedLine(n, needles.contains(n) ? "needle" : "");
        add(conn, Direction::In, bytes);
    }
    void addSlowStream(int conn) {
        for (int i = 0; i < kSlowStreamMiB; ++i)
            add(conn, Direction::In, QByteArray(StreamSearch::kPageBytes, 'a'));
    }
    void follow(int conn) {
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_view->setConnection(conn);
        m_bar->setConnection(conn);
    }
    QString status() const { return m_bar->statusLabel()->text(); }
    QString position() const {
        for (const QLabel* label : m_bar->findChildren<QLabel*>()) {
            if (label->accessibleName() == u"Current match")
                return label->text();
        }
        return {};
    }
    void search(const QString& text, bool hex = false) {
        m_bar->open();
        m_bar->hexBox()->setChecked(hex);
        m_bar->patternEdit()->setText(text);
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return);
    }
    // A long search, caught running: its first progress has come.
    void startSlowSearch(QSignalSpy& progress) {
        m_bar->patternEdit()->setText(QString::fromLatin1(kSlowPattern));
        m_bar->find();
        QVERIFY(m_bar->isSearching());
        QTRY_VERIFY(!progress.isEmpty() && status() != u"Searching… 0 %");
        QVERIFY(m_bar->isSearching());
    }

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void init() {
        m_events = EventFactory();
        m_session = std::make_unique<FakeSessionSource>();
        m_window = std::make_unique<QWidget>();
        m_outside = new QLineEdit(m_window.get());
        m_page = new QWidget(m_window.get());
        m_view = new FollowStreamView(m_session.get(), m_page);
        m_bar = new StreamFindBar(m_session.get(), m_view, m_page);
        m_bar->installFindShortcut(m_page);
        auto* page = new QVBoxLayout(m_page);
        page->addWidget(m_bar);
        page->addWidget(m_view, 1);
        auto* window = new QVBoxLayout(m_window.get());
        window->addWidget(m_outside);
        window->addWidget(m_page, 1);
        m_window->resize(800, 600);
    }
    void cleanup() {
        m_window.reset();
        m_session.reset();
    }

    void textSearchVisitsEachMatch() {
        addNumberedLines(1, 1000, {100, 300, 700});
        follow(1);
        search(QStringLiteral("needle"));
        QTRY_COMPARE(status(), u"3 matches"_qs);
        QCOMPARE(m_bar->matchOffsets(),
                 (QList<qint64>{64 * 100 + 14, 64 * 300 + 14, 64 * 700 + 14}));
        // Each match's row is the view's top row.
        QCOMPARE(m_view->topOffset(), 64 * 100);
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return);
        QCOMPARE(m_view->topOffset(), 64 * 300);
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Enter);
        QCOMPARE(m_view->topOffset(), 64 * 700);
        QCOMPARE(position(), u"3 of 3"_qs);
        // Past the last, round to the first; Shift+Enter goes back.
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return);
        QCOMPARE(m_view->topOffset(), 64 * 100);
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(m_view->topOffset(), 64 * 700);
        QCOMPARE(m_bar->currentMatch(), 2);
    }

    void theFirstJumpIsFromWhereTheViewIs() {
        addNumberedLines(1, 1000, {100, 300, 700});
        follow(1);
        m_view->scrollToOffset(64 * 200);
        search(QStringLiteral("needle"));
        QTRY_COMPARE(status(), u"3 matches"_qs);
        QCOMPARE(m_view->topOffset(), 64 * 300);
        QCOMPARE(m_bar->currentMatch(), 1);
    }

    void hexSearchFindsBytesAcrossChunksAndDirections() {
        QByteArray received(5000, '\0');
        for (int i = 0; i < received.size(); ++i)
            received[i] = char(i % 200); // never de ad be ef
        received.replace(4998, 2, "\xde\xad");
        add(1, Direction::In, received);
        add(1, Direction::Out, QByteArray("\xbe\xef", 2) + QByteArray(20000, 'x'));
        follow(1);
        m_view->setMode(FollowStreamView::Mode::Hex);
        search(QStringLiteral("de ad BE:ef"), true);
        QTRY_COMPARE(status(), u"1 match"_qs);
        QCOMPARE(m_bar->matchOffsets(), QList<qint64>{4998});
        QCOMPARE(m_view->topOffset(), 4998 / 16 * 16);
        QVERIFY(m_bar->errorLabel()->isHidden());
    }

    void invalidHexSaysWhyAndDoesNotSearch() {
        addNumberedLines(1, 10, {});
        follow(1);
        QSignalSpy ended(m_bar, &StreamFindBar::searchEnded);
        search(QStringLiteral("de ad zz"), true);
        QVERIFY(!m_bar->isSearching());
        QVERIFY(m_bar->errorLabel()->isVisibleTo(m_bar));
        QVERIFY2(m_bar->errorLabel()->text().startsWith(u"Not valid hex: "),
                 qPrintable(m_bar->errorLabel()->text()));
        QVERIFY(status().isEmpty());
        QVERIFY(m_bar->matchOffsets().isEmpty());
        search(QStringLiteral("abc"), true); // an odd number of digits
        QVERIFY(m_bar->errorLabel()->isVisibleTo(m_bar));
        search(QStringLiteral("  "), true); // no bytes at all
        QVERIFY(m_bar->errorLabel()->isVisibleTo(m_bar));
        QVERIFY(!m_bar->isSearching());
        QVERIFY(ended.isEmpty());
        // Fixing the pattern takes the error away.
        m_bar->patternEdit()->setText(QStringLiteral("6c 69"));
        QVERIFY(m_bar->errorLabel()->isHidden());
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return);
        QTRY_COMPARE(status(), u"10 matches"_qs);
    }

    void saysWhenThereIsNoMatchAndWhenMatchesAreOnlyCounted() {
        add(1, Direction::In, QByteArray(StreamSearch::kMaxKeptMatches + 1234, 'a'));
        follow(1);
        search(QStringLiteral("z"));
        QTRY_COMPARE(status(), u"No match"_qs);
        QCOMPARE(m_view->topOffset(), 0);
        search(QStringLiteral("a"));
        QTRY_COMPARE(status(), u"11,234 matches; the first 10,000 can be visited"_qs);
        QCOMPARE(m_bar->matchOffsets().size(), StreamSearch::kMaxKeptMatches);
    }

    void cancelStopsALongSearchWhileTheWindowKeepsRunning() {
        addSlowStream(1);
        follow(1);
        m_bar->open();
        // The GUI thread's timers fire all along the search.
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
        ticker.start(10);
        QSignalSpy progress(m_bar, &StreamFindBar::progressed);
        QElapsedTimer clock;
        clock.start();
        startSlowSearch(progress);
        QTRY_VERIFY(ticks >= 5 && progress.size() >= 3);
        QVERIFY2(m_bar->isSearching(), qPrintable(status()));
        QVERIFY2(status().startsWith(u"Searching… ") && status().endsWith(u" %"),
                 qPrintable(status()));
        // Throttled: one update on start, then at most one each interval.
        QVERIFY(progress.size() <= clock.elapsed() / StreamFindBar::kProgressIntervalMs + 2);
        QVERIFY(m_bar->cancelButton()->isEnabled());
        QTest::mouseClick(m_bar->cancelButton(), Qt::LeftButton);
        QCOMPARE(status(), u"Cancelled"_qs);
        QVERIFY(!m_bar->isSearching());
        QVERIFY(!m_bar->cancelButton()->isEnabled());
        // The worker's last progress, queued before it saw the cancel, is
        // not shown over the verdict.
        const int ticksNow = ticks;
        QTRY_VERIFY(ticks >= ticksNow + 5);
        QCOMPARE(status(), u"Cancelled"_qs);
    }

    void escapeClosesTheBarAndCancels() {
        addSlowStream(1);
        follow(1);
        m_bar->open();
        QSignalSpy progress(m_bar, &StreamFindBar::progressed);
        startSlowSearch(progress);
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Escape);
        QVERIFY(m_bar->isHidden());
        QVERIFY(!m_bar->isSearching());
        QCOMPARE(status(), u"Cancelled"_qs);
    }

    void aNewSearchReplacesTheRunningOne() {
        addSlowStream(1);
        add(1, Direction::Out, "the needle at the end");
        follow(1);
        m_bar->open();
        QSignalSpy progress(m_bar, &StreamFindBar::progressed);
        startSlowSearch(progress);
        search(QStringLiteral("needle"));
        // The slow search cannot end first: only the new one's verdict shows.
        QTRY_COMPARE_WITH_TIMEOUT(status(), u"1 match"_qs, 30000);
        QCOMPARE(m_bar->matchOffsets(),
                 QList<qint64>{kSlowStreamMiB * StreamSearch::kPageBytes + 4});
    }

    void anotherConnectionCancelsAndForgets() {
        addSlowStream(1);
        addNumberedLines(2, 100, {50});
        follow(1);
        m_bar->open();
        QSignalSpy progress(m_bar, &StreamFindBar::progressed);
        startSlowSearch(progress);
        m_view->setConnection(2);
        m_bar->setConnection(2);
        QVERIFY(!m_bar->isSearching());
        QVERIFY(status().isEmpty());
        QVERIFY(m_bar->matchOffsets().isEmpty());
        search(QStringLiteral("needle"));
        QTRY_COMPARE(status(), u"1 match"_qs);
        QCOMPARE(m_view->topOffset(), 64 * 50);
    }

    void aNewSearchSeesTheStreamGrow() {
        addNumberedLines(1, 100, {10});
        follow(1);
        search(QStringLiteral("needle"));
        QTRY_COMPARE(status(), u"1 match"_qs);
        QByteArray more;
        for (int n = 100; n < 200; ++n)
            more += numberedLine(n, n == 120 ? "needle" : "");
        grow(1, Direction::Out, more);
        // Next goes round the matches it has; Find searches the stream as it is now.
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return);
        QCOMPARE(m_bar->matchOffsets().size(), 1);
        m_bar->find();
        QTRY_COMPARE(status(), u"2 matches"_qs);
        QCOMPARE(m_bar->matchOffsets(), (QList<qint64>{64 * 10 + 14, 64 * 120 + 14}));
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_Return);
        QCOMPARE(m_view->topOffset(), 64 * 120);
    }

    void destroyingTheBarMidSearchIsSafe() {
        addSlowStream(1);
        follow(1);
        m_bar->open();
        QSignalSpy progress(m_bar, &StreamFindBar::progressed);
        startSlowSearch(progress);
        QElapsedTimer clock;
        clock.start();
        delete m_bar;
        m_bar = nullptr;
        // It waited for the worker's page, not for the whole search.
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        // Progress the worker queued for the bar is dropped with it.
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents();
    }

    void destroyingTheWindowThatOwnsTheSessionMidSearchIsSafe() {
        // As MainWindow does: the session is the window's first child, so
        // it (and its store) goes before the bar does.
        auto window = std::make_unique<QWidget>();
        auto* session = new FakeSessionSource({}, window.get());
        for (int i = 0; i < kSlowStreamMiB; ++i)
            session->add(
                m_events.data(1, Direction::In, QByteArray(StreamSearch::kPageBytes, 'a')));
        auto* view = new FollowStreamView(session, window.get());
        auto* bar = new StreamFindBar(session, view, window.get());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        view->setConnection(1);
        bar->setConnection(1);
        QSignalSpy progress(bar, &StreamFindBar::progressed);
        bar->patternEdit()->setText(QString::fromLatin1(kSlowPattern));
        bar->find();
        QTRY_VERIFY(!progress.isEmpty());
        QVERIFY(bar->isSearching());
        bool searchingWhenTheStoreWent = true;
        session->setBeforeStoreGoes([&searchingWhenTheStoreWent, bar = QPointer(bar)] {
            searchingWhenTheStoreWent = bar && bar->isSearching();
        });
        window.reset();
        // The worker was stopped and joined before the store went, not after.
        QVERIFY(!searchingWhenTheStoreWent);
    }

    void ctrlFInThePageOpensTheBarAndElsewhereTheWindowsFind() {
        addNumberedLines(1, 10, {});
        auto* windowFind = new QAction(m_window.get());
        windowFind->setShortcut(QKeySequence::Find);
        m_window->addAction(windowFind);
        QSignalSpy windowFinds(windowFind, &QAction::triggered);
        follow(1);
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QVERIFY(m_bar->isHidden());
        m_view->setFocus();
        QTest::keyClick(m_view, Qt::Key_F, Qt::ControlModifier);
        QVERIFY(m_bar->isVisible());
        QVERIFY(m_bar->patternEdit()->hasFocus());
        QVERIFY(windowFinds.isEmpty());
        // Again from inside the bar: the pattern is selected to be typed over.
        m_bar->patternEdit()->setText(QStringLiteral("line"));
        m_bar->patternEdit()->deselect();
        QTest::keyClick(m_bar->patternEdit(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(m_bar->patternEdit()->selectedText(), u"line"_qs);
        QVERIFY(windowFinds.isEmpty());
        m_outside->setFocus();
        QTest::keyClick(m_outside, Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(windowFinds.size(), 1);
    }

    void buttonsFollowWhatCanBeDone() {
        addNumberedLines(1, 10, {5});
        follow(0);
        m_bar->open();
        const auto button = [this](const QString& name) {
            for (QToolButton* b : m_bar->findChildren<QToolButton*>()) {
                if (b->accessibleName() == name)
                    return b;
            }
            return static_cast<QToolButton*>(nullptr);
        };
        m_bar->patternEdit()->setText(QStringLiteral("needle"));
        QVERIFY(!button(u"Find"_qs)->isEnabled()); // no connection
        m_view->setConnection(1);
        m_bar->setConnection(1);
        QVERIFY(button(u"Find"_qs)->isEnabled());
        QVERIFY(button(u"Next"_qs)->isEnabled());
        QVERIFY(!button(u"Cancel"_qs)->isEnabled());
        QTest::mouseClick(button(u"Next"_qs), Qt::LeftButton); // searches first
        QTRY_COMPARE(status(), u"1 match"_qs);
        QCOMPARE(m_bar->currentMatch(), 0);
        m_bar->patternEdit()->clear();
        QVERIFY(!button(u"Find"_qs)->isEnabled());
        QVERIFY(m_bar->matchOffsets().isEmpty());
        QVERIFY(status().isEmpty());
        // Every control can be named by a screen reader and explains itself.
        for (QWidget* w : m_bar->findChildren<QWidget*>()) {
            if (qobject_cast<QToolButton*>(w) || qobject_cast<QCheckBox*>(w) ||
                qobject_cast<QLineEdit*>(w)) {
                if (w->parent() != m_bar)
                    continue; // the line edit's clear button speaks through it
                QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
                QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->accessibleName()));
            }
        }
    }
};

QTEST_MAIN(tst_StreamFindBar)
#include "tst_streamfindbar.moc"
