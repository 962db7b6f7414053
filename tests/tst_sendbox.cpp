#include "enginerecorder.h"
#include "eventfactory.h"
#include "messagelibrary.h"
#include "messagelibrarybar.h"
#include "models/connectionsmodel.h"
#include "rawpeer.h"
#include "sendbox.h"
#include "sendboxparts.h"
#include "sendjobs.h"
#include "sendprogress.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSocketNotifier>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>
#include <QToolButton>

using namespace sockscope;

namespace {
constexpr int kListener = 1;
constexpr int kConn = 2;
} // namespace

class tst_SendBox final : public QObject {
    Q_OBJECT

private:
    // A listener with one accepted, open connection.
    void openConnection(ConnectionsModel& model) {
        model.applyBatch({m_events.listen(kListener, QStringLiteral("127.0.0.1:5000")),
                          m_events.accept(kConn, kListener, QStringLiteral("127.0.0.1:5000"),
                                          QStringLiteral("127.0.0.1:40001"))},
                         {});
    }

    EventFactory m_events;

    // Types into the focused input and sends with Ctrl+Return, as a person does.
    static void typeAndSend(SendBox& box, QPlainTextEdit* edit, const QString& text) {
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
        QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
        Q_UNUSED(box);
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
    }
    void init() {
        m_events = EventFactory();
        QSettings().clear();
    }

    void disabledWithoutOpenConnection() {
        ConnectionsModel model;
        SendBox box(&model);
        box.show();
        QVERIFY(!box.canSend());
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(!parts::textEdit(box)->isEnabled());
        QVERIFY(parts::hintLabel(box)->isVisible());

        openConnection(model);
        box.setConnection(kConn);
        QVERIFY(box.canSend());
        QVERIFY(box.sendButton()->isEnabled());
        QVERIFY(!parts::hintLabel(box)->isVisible());

        model.applyBatch({m_events.close(kConn, Closer::Peer)}, {});
        QVERIFY(!box.canSend());
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(parts::hintLabel(box)->isVisible());
        QVERIFY(!parts::closeButton(box)->isEnabled());
    }

    void textWithLineEnding_data() {
        QTest::addColumn<int>("ending");
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("none") << int(SendBox::LineEnding::None) << "hi" << QByteArray("hi");
        QTest::newRow("LF") << int(SendBox::LineEnding::Lf) << "hi" << QByteArray("hi\n");
        QTest::newRow("CRLF") << int(SendBox::LineEnding::CrLf) << "hi" << QByteArray("hi\r\n");
        QTest::newRow("CRLF inside too")
            << int(SendBox::LineEnding::CrLf) << "a\nb" << QByteArray("a\r\nb\r\n");
        QTest::newRow("UTF-8") << int(SendBox::LineEnding::None) << "grüße"
                               << QByteArray("gr\xc3\xbc\xc3\x9f"
                                             "e");
    }
    void textWithLineEnding() {
        QFETCH(int, ending);
        QFETCH(QString, typed);
        QFETCH(QByteArray, sent);
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        box.setLineEnding(SendBox::LineEnding(ending));
        QSignalSpy spy(&box, &SendBox::sendRequested);
        parts::textEdit(box)->setPlainText(typed);
        QTest::mouseClick(box.sendButton(), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), kConn);
        QCOMPARE(spy.at(0).at(1).toByteArray(), sent);
    }

    void ctrlReturnSends() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.setConnection(kConn);
        QSignalSpy spy(&box, &SendBox::sendRequested);
        parts::textEdit(box)->setFocus();
        QTest::keyClicks(parts::textEdit(box), QStringLiteral("ping"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(1).toByteArray(), QByteArray("ping\n"));
        // The text stays for resending, nothing was inserted by the shortcut.
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("ping"));
    }

    void hexInput() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        box.setMode(SendBox::Mode::Hex);
        QSignalSpy spy(&box, &SendBox::sendRequested);

        parts::hexEdit(box)->setPlainText(QStringLiteral("de ad zz"));
        QVERIFY(!box.send());
        QCOMPARE(spy.count(), 0);
        QVERIFY(parts::errorLabel(box)->isVisible());
        QVERIFY(!parts::errorLabel(box)->text().isEmpty());

        parts::hexEdit(box)->setPlainText(QStringLiteral("de ad be ef 00"));
        QVERIFY(box.send());
        QVERIFY(!parts::errorLabel(box)->isVisible());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(1).toByteArray(), QByteArray::fromHex("deadbeef00"));
    }

    void emptyTextIsRefused() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        box.setLineEnding(SendBox::LineEnding::None);
        QSignalSpy spy(&box, &SendBox::sendRequested);
        QVERIFY(!box.send());
        QCOMPARE(spy.count(), 0);
        QVERIFY(parts::errorLabel(box)->isVisible());
    }

    void fileInput() {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(QByteArray("\x00\x01binary\xff", 9));
        file.flush();

        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        box.setMode(SendBox::Mode::File);
        QSignalSpy spy(&box, &SendBox::fileSendRequested);

        parts::fileEdit(box)->setText(QStringLiteral("/nonexistent/file.bin"));
        QVERIFY(!box.send());
        QVERIFY(parts::errorLabel(box)->text().contains(u"/nonexistent/file.bin"));

        // The file is read as it is sent, a chunk at a time (FileSender).
        parts::fileEdit(box)->setText(file.fileName());
        QVERIFY(box.send());
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(0).value<QList<int>>(), QList<int>{kConn});
        QCOMPARE(spy.at(0).at(1).toString(), file.fileName());
    }

    void halfCloseAndClose() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        QSignalSpy halfClose(&box, &SendBox::halfCloseRequested);
        QSignalSpy close(&box, &SendBox::closeRequested);
        QTest::mouseClick(parts::halfCloseButton(box), Qt::LeftButton);
        QCOMPARE(halfClose.count(), 1);
        QCOMPARE(halfClose.at(0).at(0).toInt(), kConn);

        model.applyBatch({m_events.halfClose(kConn, Closer::Local)}, {});
        QVERIFY(!parts::halfCloseButton(box)->isEnabled());
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(parts::hintLabel(box)->isVisible());
        QTest::mouseClick(parts::closeButton(box), Qt::LeftButton);
        QCOMPARE(close.count(), 1);
        QCOMPARE(close.at(0).at(0).toInt(), kConn);
    }

    void messagesDoNotWidenTheBox() {
        // In the window a wider minimum would move the splitter whenever the
        // selected connection's state changes.
        ConnectionsModel model;
        const QString longAddress = QStringLiteral("[2001:db8:1234:5678:9abc:def0:1234:5678]:5000");
        model.applyBatch({m_events.listen(kListener, longAddress),
                          m_events.accept(kConn, kListener, longAddress,
                                          QStringLiteral("[2001:db8::42]:40001"))},
                         {});
        SendBox box(&model);
        box.show();
        const int idle = box.minimumSizeHint().width();
        box.setConnection(kConn);
        model.applyBatch({m_events.halfClose(kConn, Closer::Local)}, {});
        QVERIFY(parts::hintLabel(box)->isVisible());
        QVERIFY(box.minimumSizeHint().width() <= idle);
    }

    void connectingCanBeCancelled() {
        ConnectionsModel model;
        model.applyBatch({m_events.connect(kConn, QStringLiteral("192.0.2.1:80"))}, {});
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(parts::closeButton(box)->isEnabled());
        QSignalSpy close(&box, &SendBox::closeRequested);
        QTest::mouseClick(parts::closeButton(box), Qt::LeftButton);
        QCOMPARE(close.count(), 1);
    }

    void upAndDownRecallSentMessages() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.setConnection(kConn);
        QSignalSpy spy(&box, &SendBox::sendRequested);
        box.setLineEnding(SendBox::LineEnding::CrLf);
        typeAndSend(box, parts::textEdit(box), QStringLiteral("first"));
        box.setLineEnding(SendBox::LineEnding::Lf);
        typeAndSend(box, parts::textEdit(box), QStringLiteral("second"));
        typeAndSend(box, parts::textEdit(box), QStringLiteral("second")); // kept once
        box.setMode(SendBox::Mode::Hex);
        typeAndSend(box, parts::hexEdit(box), QStringLiteral("de ad"));
        QCOMPARE(spy.count(), 4);

        // From the hex input back to text: the mode and line ending follow.
        parts::hexEdit(box)->setPlainText(QStringLiteral("be"));
        QTest::keyClick(parts::hexEdit(box), Qt::Key_Up);
        QCOMPARE(parts::hexEdit(box)->toPlainText(), QStringLiteral("de ad"));
        QTest::keyClick(parts::hexEdit(box), Qt::Key_Up);
        QVERIFY(parts::textEdit(box)->isVisible());
        QVERIFY(parts::textEdit(box)->hasFocus());
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("second"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_Up);
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("first"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_Up); // the oldest stays
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("first"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_Down);
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("second"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_Down);
        QTest::keyClick(parts::hexEdit(box), Qt::Key_Down); // past the newest: the draft
        QVERIFY(parts::hexEdit(box)->hasFocus());
        QCOMPARE(parts::hexEdit(box)->toPlainText(), QStringLiteral("be"));

        QTest::keyClick(parts::hexEdit(box), Qt::Key_Up);
        QTest::keyClick(parts::hexEdit(box), Qt::Key_Up);
        QTest::keyClick(parts::textEdit(box), Qt::Key_Up);
        QTest::keyClick(parts::textEdit(box), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(spy.constLast().at(1).toByteArray(), QByteArray("first\r\n"));
    }

    void upMovesWithinSeveralLinesFirst() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.setConnection(kConn);
        typeAndSend(box, parts::textEdit(box), QStringLiteral("old"));
        parts::textEdit(box)->setPlainText(QStringLiteral("line one\nline two"));
        parts::textEdit(box)->moveCursor(QTextCursor::End);
        QTest::keyClick(parts::textEdit(box), Qt::Key_Up); // to the first line
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("line one\nline two"));
        QCOMPARE(parts::textEdit(box)->textCursor().blockNumber(), 0);
        QTest::keyClick(parts::textEdit(box), Qt::Key_Up); // now the history
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("old"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_Down); // the draft comes back
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("line one\nline two"));
    }

    void historyOutlivesTheBox() {
        ConnectionsModel model;
        openConnection(model);
        {
            SendBox box(&model);
            box.show();
            box.setConnection(kConn);
            parts::textEdit(box)->setPlainText(QStringLiteral("remember me"));
            QVERIFY(box.send());
        }
        SendBox box(&model);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.setConnection(kConn);
        parts::textEdit(box)->setFocus();
        QTest::keyClick(parts::textEdit(box), Qt::Key_Up);
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("remember me"));
    }

    void aListenerSendsToEachOpenConnection() {
        ConnectionsModel model;
        const QString local = QStringLiteral("127.0.0.1:5000");
        model.applyBatch({m_events.listen(kListener, local),
                          m_events.accept(2, kListener, local, QStringLiteral("127.0.0.1:40001")),
                          m_events.accept(3, kListener, local, QStringLiteral("127.0.0.1:40002")),
                          m_events.accept(4, kListener, local, QStringLiteral("127.0.0.1:40003")),
                          m_events.accept(5, kListener, local, QStringLiteral("127.0.0.1:40004")),
                          m_events.close(3, Closer::Peer), m_events.halfClose(5, Closer::Local)},
                         {});
        SendBox box(&model);
        box.show();
        box.setConnection(0);
        box.setListener(kListener);
        QVERIFY(parts::targetLabel(box)->text().contains(u"2 open connections"));
        QVERIFY(parts::targetLabel(box)->text().contains(u"listener #1"));
        QVERIFY(box.canSend());
        QVERIFY(!box.canHalfClose());
        QVERIFY(!box.canClose());
        QSignalSpy spy(&box, &SendBox::sendRequested);
        parts::textEdit(box)->setPlainText(QStringLiteral("all"));
        QTest::mouseClick(box.sendButton(), Qt::LeftButton);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(0).at(0).toInt(), 2);
        QCOMPARE(spy.at(1).at(0).toInt(), 4);
        QCOMPARE(spy.at(1).at(1).toByteArray(), QByteArray("all\n"));

        model.applyBatch({m_events.close(2, Closer::Peer), m_events.close(4, Closer::Local)}, {});
        QVERIFY(parts::targetLabel(box)->text().contains(u"no open connections"));
        QVERIFY(!box.canSend());
        QVERIFY(parts::hintLabel(box)->isVisible());

        // Selecting a connection again targets only it.
        box.setConnection(5);
        box.setListener(0);
        QCOMPARE(box.connection(), 5);
        QVERIFY(parts::targetLabel(box)->text().contains(u"127.0.0.1:40004"));
    }

    void aCountAboveOneAsksForARepeat() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        QVERIFY(!parts::repeatIntervalBox(box)->isEnabled());
        parts::repeatCountBox(box)->setValue(10);
        parts::repeatIntervalBox(box)->setValue(250);
        QVERIFY(parts::repeatIntervalBox(box)->isEnabled());
        QSignalSpy single(&box, &SendBox::sendRequested);
        QSignalSpy repeat(&box, &SendBox::repeatRequested);
        parts::textEdit(box)->setPlainText(QStringLiteral("tick"));
        QVERIFY(box.send());
        QCOMPARE(single.count(), 0);
        QCOMPARE(repeat.count(), 1);
        QCOMPARE(repeat.at(0).at(0).value<QList<int>>(), QList<int>{kConn});
        QCOMPARE(repeat.at(0).at(1).toByteArray(), QByteArray("tick\n"));
        QCOMPARE(repeat.at(0).at(2).toInt(), 10);
        QCOMPARE(repeat.at(0).at(3).toInt(), 250);
    }

    void savedMessagesSendWithAClickOrAltDigit() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.setConnection(kConn);
        MessageLibraryBar* bar = parts::libraryBar(box);
        QVERIFY(!bar->sendButton()->isEnabled()); // nothing saved yet

        // "Save current as…" asks for a name without blocking.
        box.setMode(SendBox::Mode::Hex);
        parts::hexEdit(box)->setPlainText(QStringLiteral("01 02"));
        bar->findChild<QAction*>(QStringLiteral("saveMessageAction"))->trigger();
        auto* dialog = bar->findChild<QInputDialog*>(QStringLiteral("messageNameDialog"));
        QVERIFY(dialog);
        dialog->setTextValue(QStringLiteral("two bytes"));
        dialog->accept();
        box.setMode(SendBox::Mode::Text);
        box.setLineEnding(SendBox::LineEnding::CrLf);
        parts::textEdit(box)->setPlainText(QStringLiteral("HELLO"));
        bar->findChild<QAction*>(QStringLiteral("saveMessageAction"))->trigger();
        QTRY_VERIFY(bar->findChildren<QInputDialog*>().size() == 1);
        dialog = bar->findChild<QInputDialog*>(QStringLiteral("messageNameDialog"));
        dialog->setTextValue(QStringLiteral("hello"));
        dialog->accept();
        QCOMPARE(bar->combo()->count(), 2);
        QCOMPARE(bar->combo()->currentText(), QStringLiteral("hello"));

        box.activateWindow(); // shortcuts work in the active window
        QVERIFY(QTest::qWaitForWindowActive(&box));
        QSignalSpy spy(&box, &SendBox::sendRequested);
        QTest::mouseClick(bar->sendButton(), Qt::LeftButton);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(1).toByteArray(), QByteArray("HELLO\r\n"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_1, Qt::AltModifier);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(1).at(1).toByteArray(), QByteArray("\x01\x02"));
        QTest::keyClick(parts::textEdit(box), Qt::Key_9, Qt::AltModifier); // none saved there
        QCOMPARE(spy.count(), 2);
        QCOMPARE(parts::textEdit(box)->toPlainText(), QStringLiteral("HELLO"));

        // Not while the connection is closed.
        model.applyBatch({m_events.close(kConn, Closer::Peer)}, {});
        QTest::keyClick(parts::textEdit(box), Qt::Key_2, Qt::AltModifier);
        QCOMPARE(spy.count(), 2);
    }

    void fileGoesOutWithProgressThroughARealConnection() {
        // The window's path: the box asks, SendJobs runs the file sender,
        // batches drive it and the progress line, the engine writes.
        QByteArray content(8 * 1024 * 1024 + 5, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); ++i)
            content[i] = char(i * 7 + i / 4096);
        QTemporaryFile file;
        QVERIFY(file.open());
        QCOMPARE(file.write(content), content.size());
        file.flush();

        Engine engine;
        EngineRecorder recorder(&engine);
        quint16 port = 0;
        RawPeer listening = RawPeer::listenOnLoopback(&port);
        ConnectionsModel model;
        SendBox box(&model);
        SendJobs jobs(&box);
        connect(&box, &SendBox::sendRequested, &engine, &Engine::send);
        connect(&jobs, &SendJobs::sendRequested, &engine, &Engine::send);
        connect(&engine, &Engine::batchReady, &box,
                [&](const EventBatch& events, const SessionStats& stats) {
                    model.applyBatch(events, stats);
                    jobs.observe(events);
                });
        ClientConfig client;
        client.host = QStringLiteral("127.0.0.1");
        client.port = port;
        const int conn = engine.startClient(client);
        box.show();
        box.setConnection(conn);
        QTRY_VERIFY(box.canSend());
        RawPeer peer = listening.accept();
        QVERIFY(peer.isValid());

        box.setMode(SendBox::Mode::File);
        parts::fileEdit(box)->setText(file.fileName());
        QTest::mouseClick(box.sendButton(), Qt::LeftButton);
        SendProgress* progress = box.progress();
        QVERIFY(progress->isVisible());
        QVERIFY(progress->isRunning());
        QVERIFY(progress->stopButton()->isVisible());
        QVERIFY(!box.canSend()); // its bytes would be counted as the file's
        QVERIFY(!box.sendButton()->isEnabled());

        QSocketNotifier reader(peer.descriptor(), QSocketNotifier::Read);
        connect(&reader, &QSocketNotifier::activated, this, [&] { peer.poll(); });
        peer.poll();
        QTRY_VERIFY_WITH_TIMEOUT(!progress->isRunning(), 30000);
        QVERIFY2(progress->label()->text().startsWith(u"Sent"),
                 qPrintable(progress->label()->text()));
        QVERIFY(!progress->bar()->isVisible());
        QVERIFY(box.canSend());
        QTRY_COMPARE(peer.received.size(), content.size());
        QVERIFY(peer.received == content);
    }

    void cancelInTheBoxStopsTheFile() {
        QTemporaryFile file;
        QVERIFY(file.open());
        QVERIFY(file.resize(64 * 1024 * 1024));

        Engine engine;
        EngineRecorder recorder(&engine);
        quint16 port = 0;
        RawPeer listening = RawPeer::listenOnLoopback(&port);
        ConnectionsModel model;
        SendBox box(&model);
        SendJobs jobs(&box);
        qint64 handed = 0;
        connect(&jobs, &SendJobs::sendRequested, &engine, [&](int c, const QByteArray& bytes) {
            handed += bytes.size();
            engine.send(c, bytes);
        });
        connect(&engine, &Engine::batchReady, &box,
                [&](const EventBatch& events, const SessionStats& stats) {
                    model.applyBatch(events, stats);
                    jobs.observe(events);
                });
        ClientConfig client;
        client.host = QStringLiteral("127.0.0.1");
        client.port = port;
        const int conn = engine.startClient(client);
        box.show();
        box.setConnection(conn);
        QTRY_VERIFY(box.canSend());
        RawPeer peer = listening.accept(); // and never reads

        box.setMode(SendBox::Mode::File);
        parts::fileEdit(box)->setText(file.fileName());
        QVERIFY(box.send());
        QTRY_VERIFY(box.progress()->bar()->value() > 0);
        QTest::mouseClick(box.progress()->stopButton(), Qt::LeftButton);
        QVERIFY(!box.progress()->isRunning());
        QVERIFY(box.progress()->label()->text().startsWith(u"Cancelled"));
        QVERIFY(handed < file.size());
        QVERIFY(box.canSend());
        const qint64 handedAtCancel = handed;
        QVERIFY(!QTest::qWaitFor([&] { return handed > handedAtCancel; }, 200));
    }

    void aRepeatShowsProgressAndEndsWithItsConnection() {
        Engine engine;
        EngineRecorder recorder(&engine);
        quint16 port = 0;
        RawPeer listening = RawPeer::listenOnLoopback(&port);
        ConnectionsModel model;
        SendBox box(&model);
        SendJobs jobs(&box);
        connect(&box, &SendBox::sendRequested, &engine, &Engine::send);
        connect(&jobs, &SendJobs::sendRequested, &engine, &Engine::send);
        connect(&engine, &Engine::batchReady, &box,
                [&](const EventBatch& events, const SessionStats& stats) {
                    model.applyBatch(events, stats);
                    jobs.observe(events);
                });
        ClientConfig client;
        client.host = QStringLiteral("127.0.0.1");
        client.port = port;
        const int conn = engine.startClient(client);
        box.show();
        box.setConnection(conn);
        QTRY_VERIFY(box.canSend());
        RawPeer peer = listening.accept();
        QVERIFY(peer.isValid());

        parts::repeatCountBox(box)->setValue(1000);
        parts::repeatIntervalBox(box)->setValue(5);
        parts::textEdit(box)->setPlainText(QStringLiteral("tick"));
        QTest::mouseClick(box.sendButton(), Qt::LeftButton);
        SendProgress* progress = box.progress();
        QVERIFY(progress->isRunning());
        QVERIFY(box.canSend()); // other messages may go meanwhile
        QTRY_VERIFY(progress->bar()->value() >= 3);
        QVERIFY(progress->bar()->text().endsWith(u"/1000"));
        QVERIFY(!box.send()); // but not a second repeat
        QVERIFY(parts::errorLabel(box)->isVisible());

        peer.close();
        QTRY_VERIFY_WITH_TIMEOUT(!progress->isRunning(), 10000);
        const QString outcome = progress->label()->text();
        QVERIFY2(outcome.startsWith(u"Stopped after") &&
                     outcome.contains(QStringLiteral("#%1").arg(conn)),
                 qPrintable(outcome));
    }
};

QTEST_MAIN(tst_SendBox)
#include "tst_sendbox.moc"
