// The hex pane shows a chunk's whole payload, fetched from the session when
// the batch carried only a preview, and says so when the payload is gone.
// The Follow stream tab's controls stay in step with its view, save the
// stream, and open the find bar, which a new connection resets.
#include "capture/payloadtext.h"
#include "detailtabs.h"
#include "eventfactory.h"
#include "fakesessionsource.h"
#include "followstreamview.h"
#include "models/eventlogmodel.h"
#include "streamfindbar.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
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
