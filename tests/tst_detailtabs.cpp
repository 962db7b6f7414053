// The Details tab, first, tells everything about the listener or connection
// selected in the tree, and follows it as it changes.
// The hex pane shows a chunk's whole payload, fetched from the session when
// the batch carried only a preview, and says so when the payload is gone.
// The Follow stream tab's controls stay in step with its view, save the
// stream, and open the find bar, which a new connection resets.
#include "base/payloadtext.h"
#include "detailtabs.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "followstreamview.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "socketdetailsview.h"
#include "streamfindbar.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <functional>

using namespace sockscope;

namespace {
QByteArray pattern(qsizetype size) {
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(i % 251);
    return bytes;
}
// Runs act on the next popup menu or modal dialog once it is up: the code
// under test is blocked in its exec() meanwhile.
void whenShown(const std::function<QWidget*()>& find, const std::function<void(QWidget*)>& act) {
    auto* poll = new QTimer(qApp);
    poll->setInterval(5);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, find, act] {
        if (QWidget* widget = find()) {
            poll->deleteLater();
            poll->stop();
            act(widget);
        }
    });
    poll->start();
}

void chooseFromContextMenu(FollowStreamView* view, const QString& text) {
    whenShown([] { return QApplication::activePopupWidget(); },
              [text](QWidget* popup) {
                  auto* menu = qobject_cast<QMenu*>(popup);
                  for (QAction* action : menu->actions()) {
                      if (action->text() == text)
                          action->trigger();
                  }
                  menu->close();
              });
    QContextMenuEvent event(QContextMenuEvent::Keyboard, QPoint(10, 10),
                            view->viewport()->mapToGlobal(QPoint(10, 10)));
    QCoreApplication::sendEvent(view->viewport(), &event);
}
} // namespace

class tst_DetailTabs final : public QObject {
    Q_OBJECT

private:
    EventFactory m_events;
    FakeSessionSource m_source;
    EventLogModel m_log;

    void follow(DetailTabs& tabs, int conn) {
        tabs.setCurrentWidget(tabs.followPage());
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        tabs.followConnection(conn);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true); // the save dialog remembers its folder
    }

    void init() {
        m_events = EventFactory();
        m_source.clear();
    }

    void detailsTellTheListener() {
        ConnectionsModel model;
        model.setKeepPolicy(1, *KeepPolicy::parse(u"head:64K"_qs, nullptr));
        SessionStats stats;
        stats.listenerQueues.insert(1, ListenerQueue{true, 2, 128});
        model.applyBatch({m_events.listen(1, u"127.0.0.1:5000"_qs, 4096, u"echo"_qs)}, stats);
        DetailTabs tabs(&m_source, &m_log);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        QCOMPARE(tabs.currentWidget(), tabs.socketDetails());
        QVERIFY(tabs.socketDetails()->toPlainText().isEmpty());
        tabs.showSocket(model.indexOfListener(1));
        const QString text = tabs.socketDetails()->toPlainText();
        for (const QString& line :
             {u"Bind address\n127.0.0.1 (loopback: only this machine can connect)"_qs,
              u"Port\n5000"_qs, u"Backlog asked\n4096"_qs,
              u"Accept queue now\n2 waiting / backlog 128 (the kernel's limit)"_qs,
              u"Accepting\npaused"_qs, u"Responder\necho"_qs, u"Keep payload\nhead:64K"_qs,
              u"Accepted\n0 connections"_qs}) {
            QVERIFY2(text.contains(line), qPrintable(text));
        }
    }

    void detailsTellTheConnectionAndFollowIt() {
        ConnectionsModel model;
        const QString local = u"127.0.0.1:5000"_qs;
        CaptureEvent drop = m_events.drop(2, 26, 2);
        drop.message = u"keep policy head:4 (26 bytes)"_qs;
        model.applyBatch({m_events.listen(1, local), m_events.connect(3, local),
                          m_events.connected(3, u"127.0.0.1:40001"_qs, local),
                          m_events.accept(2, 1, local, u"127.0.0.1:40001"_qs),
                          m_events.data(2, Direction::In, QByteArray(1500, 'x')), drop},
                         {});
        DetailTabs tabs(&m_source, &m_log);
        tabs.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tabs));
        tabs.showSocket(model.indexOfConnection(2).siblingAtColumn(ConnectionsModel::PeerColumn));
        const auto check = [&](const QStringList& lines) {
            const QString text = tabs.socketDetails()->toPlainText();
            for (const QString& line : lines)
                QVERIFY2(text.contains(line), qPrintable(line + u"\nnot in\n"_qs + text));
        };
        check({u"Connection\n#2, accepted by listener #1"_qs,
               u"Local\n127.0.0.1:5000 (the listener's port)"_qs,
               u"Peer\n127.0.0.1:40001 (the peer's ephemeral port)"_qs,
               u"Other end\nconnection #3, a client of this session"_qs, u"State\nOpen"_qs,
               u"Bytes in\n%1 bytes (1.5 KiB)"_qs.arg(QLocale().toString(1500)),
               u"Bytes out\n0 bytes"_qs, u"Dropped\n26 bytes in 2 events"_qs,
               u"Why dropped\nkeep policy head:4 (26 bytes)"_qs});
        if (QTest::currentTestFailed())
            return;

        // It follows the row: more bytes, reading paused, the ending.
        model.applyBatch({m_events.data(2, Direction::Out, "hello")}, {});
        model.setReadingPaused(2, true);
        check(
            {u"Bytes out\n5 bytes"_qs, u"State\nOpen · reading paused"_qs, u"Reading\npaused"_qs});
        model.applyBatch({m_events.halfClose(2, Closer::Peer), m_events.close(2, Closer::Peer)},
                         {});
        check({u"How it ended\nPeer half-closed, then we closed"_qs, u"Ended\n"_qs});
        if (QTest::currentTestFailed())
            return;

        // The client's side names its ephemeral port, and its other end.
        tabs.showSocket(model.indexOfConnection(3));
        check({u"Connection\n#3, outgoing client"_qs,
               u"Local\n127.0.0.1:40001 (our ephemeral port, picked by the kernel)"_qs,
               u"Other end\nconnection #2, accepted by listener #1"_qs});

        // A cleared row leaves nothing behind.
        tabs.showSocket(model.indexOfConnection(2));
        model.clearClosed();
        QVERIFY(tabs.socketDetails()->toPlainText().isEmpty());
    }

    void aPickedChunkBringsUpTheHexTab() {
        DetailTabs tabs(&m_source, &m_log);
        QCOMPARE(tabs.currentWidget(), tabs.socketDetails());
        // A chunk that became current as the table changed leaves the tab alone...
        tabs.showChunk(m_events.data(1, Direction::In, "hello"));
        QCOMPARE(tabs.currentWidget(), tabs.socketDetails());
        // ...one the person picked shows its bytes.
        tabs.showChunk(m_events.data(1, Direction::In, "hello"), true);
        QCOMPARE(tabs.currentWidget(), tabs.hexView());
    }

    void hexShowsTheWholePayloadOfAPreview() {
        const CaptureEvent chunk = m_events.data(1, Direction::In, pattern(5000));
        m_source.add({chunk});
        DetailTabs tabs(&m_source, &m_log);
        tabs.showChunk(withPayloadPreviews({chunk}, 100).first());
        QCOMPARE(tabs.hexView()->toPlainText(), hexDump(chunk.data));
    }

    void hexShowsACompleteChunkAsItIs() {
        // A saved session's chunks are whole: nothing to fetch.
        DetailTabs tabs(&m_source, &m_log);
        tabs.showChunk(m_events.data(1, Direction::Out, "hello"));
        QCOMPARE(tabs.hexView()->toPlainText(), hexDump("hello"));
        tabs.showChunk({});
        QVERIFY(tabs.hexView()->toPlainText().isEmpty());
    }

    void hexSaysWhenThePayloadWasDropped() {
        // Evicted under the budget between its batch and the click.
        const CaptureEvent chunk = m_events.data(1, Direction::In, pattern(5000));
        DetailTabs tabs(&m_source, &m_log);
        tabs.showChunk(withPayloadPreviews({chunk}, 100).first());
        const QString text = tabs.hexView()->toPlainText();
        QVERIFY2(text.startsWith(u"Payload dropped under the capture budget: only the first 100 "
                                 u"of 5"),
                 qPrintable(text));
        QVERIFY2(text.endsWith(hexDump(chunk.data.first(100))), qPrintable(text));
    }

    void showAsAndChunkBoundariesFollowTheViewBothWays() {
        m_source.add({m_events.data(1, Direction::In, "hello")});
        DetailTabs tabs(&m_source, &m_log);
        follow(tabs, 1);
        QComboBox* showAs = tabs.followModeBox();
        FollowStreamView* view = tabs.followView();
        QCOMPARE(showAs->currentText(), u"Text"_qs);
        chooseFromContextMenu(view, u"As &hex dump"_qs);
        QCOMPARE(view->mode(), FollowStreamView::Mode::Hex);
        QCOMPARE(showAs->currentText(), u"Hex dump"_qs);
        showAs->setFocus();
        QTest::keyClick(showAs, Qt::Key_Down); // the keyboard changes it too
        QCOMPARE(view->mode(), FollowStreamView::Mode::Raw);
        showAs->setCurrentIndex(showAs->findText(u"Text"_qs));
        QCOMPARE(view->mode(), FollowStreamView::Mode::Text);

        QCheckBox* chunks = tabs.chunkBoundariesBox();
        QVERIFY(!chunks->isChecked());
        chooseFromContextMenu(view, u"Show c&hunk boundaries"_qs);
        QVERIFY(view->showsChunkBoundaries());
        QVERIFY(chunks->isChecked());
        chunks->click();
        QVERIFY(!view->showsChunkBoundaries());
    }

    void saveStreamSavesTheChosenDirection() {
        m_source.add({m_events.data(1, Direction::In, "hello "),
                      m_events.data(1, Direction::Out, "world"),
                      m_events.data(1, Direction::In, "!")});
        DetailTabs tabs(&m_source, &m_log);
        QVERIFY(!tabs.saveStreamButton()->isEnabled()); // nothing followed yet
        follow(tabs, 1);
        QVERIFY(tabs.saveStreamButton()->isEnabled());
        const QList<QAction*> choices = tabs.saveStreamButton()->menu()->actions();
        QCOMPARE(choices.size(), 3);
        QTemporaryDir dir;
        const auto save = [&](QAction* choice, const QString& name) {
            const QString path = dir.filePath(name);
            whenShown([] { return QApplication::activeModalWidget(); },
                      [path](QWidget* modal) {
                          auto* dialog = qobject_cast<QFileDialog*>(modal);
                          QVERIFY(dialog);
                          dialog->selectFile(path);
                          static_cast<QDialog*>(dialog)->accept(); // QFileDialog hides it
                      });
            choice->trigger();
            QFile file(path);
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QCOMPARE(save(choices.at(0), u"both.bin"_qs), QByteArray("hello world!"));
        QCOMPARE(save(choices.at(1), u"received.bin"_qs), QByteArray("hello !"));
        QCOMPARE(save(choices.at(2), u"sent.bin"_qs), QByteArray("world"));
    }

    void ctrlFInTheFollowTabOpensTheFindBar() {
        m_source.add({m_events.data(1, Direction::In, "hello")});
        DetailTabs tabs(&m_source, &m_log);
        follow(tabs, 1);
        tabs.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&tabs));
        QVERIFY(tabs.findBar()->isHidden());
        tabs.followView()->setFocus();
        QTest::keyClick(tabs.followView(), Qt::Key_F, Qt::ControlModifier);
        QVERIFY(tabs.findBar()->isVisible());
        QVERIFY(tabs.findBar()->patternEdit()->hasFocus());
        QTest::keyClick(tabs.findBar()->patternEdit(), Qt::Key_Escape);
        QVERIFY(tabs.findBar()->isHidden());
        QVERIFY(tabs.followView()->hasFocus());
    }

    void aNewConnectionResetsTheFindBar() {
        m_source.add({m_events.data(1, Direction::In, "one needle"),
                      m_events.data(2, Direction::In, "two")});
        DetailTabs tabs(&m_source, &m_log);
        follow(tabs, 1);
        StreamFindBar* bar = tabs.findBar();
        bar->open();
        bar->patternEdit()->setText(u"needle"_qs);
        bar->find();
        QTRY_COMPARE(bar->statusLabel()->text(), u"1 match"_qs);
        tabs.followConnection(2);
        QCOMPARE(bar->connection(), 2);
        QVERIFY(bar->matchOffsets().isEmpty());
        QVERIFY(bar->statusLabel()->text().isEmpty());
        bar->find();
        QTRY_COMPARE(bar->statusLabel()->text(), u"No match"_qs);
    }

    void theFollowTabKeepsAWholeHexDumpLine() {
        m_source.add({m_events.data(1, Direction::In, pattern(4096))});
        DetailTabs tabs(&m_source, &m_log);
        // The controls and the open find bar ask for no more width than the
        // hex dump line the tabs are sized for...
        tabs.findBar()->show();
        QVERIFY2(tabs.followPage()->minimumSizeHint().width() <= tabs.sizeHint().width(),
                 qPrintable(QStringLiteral("%1 > %2")
                                .arg(tabs.followPage()->minimumSizeHint().width())
                                .arg(tabs.sizeHint().width())));
        // ...and at that width the view shows a whole line.
        tabs.resize(tabs.sizeHint().width(), 300);
        follow(tabs, 1);
        tabs.followView()->setMode(FollowStreamView::Mode::Hex);
        QCOMPARE(tabs.followView()->horizontalScrollBar()->maximum(), 0);
        QVERIFY(tabs.followView()->viewport()->height() > tabs.height() / 2);
    }
};

QTEST_MAIN(tst_DetailTabs)
#include "tst_detailtabs.moc"
