#include "eventfactory.h"
#include "models/connectionsmodel.h"
#include "sendbox.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

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

private Q_SLOTS:
    void init() { m_events = EventFactory(); }

    void disabledWithoutOpenConnection() {
        ConnectionsModel model;
        SendBox box(&model);
        box.show();
        QVERIFY(!box.canSend());
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(!box.textEdit()->isEnabled());
        QVERIFY(box.hintLabel()->isVisible());

        openConnection(model);
        box.setConnection(kConn);
        QVERIFY(box.canSend());
        QVERIFY(box.sendButton()->isEnabled());
        QVERIFY(!box.hintLabel()->isVisible());

        model.applyBatch({m_events.close(kConn, Closer::Peer)}, {});
        QVERIFY(!box.canSend());
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(box.hintLabel()->isVisible());
        QVERIFY(!box.closeButton()->isEnabled());
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
        box.textEdit()->setPlainText(typed);
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
        box.textEdit()->setFocus();
        QTest::keyClicks(box.textEdit(), QStringLiteral("ping"));
        QTest::keyClick(box.textEdit(), Qt::Key_Return, Qt::ControlModifier);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.at(0).at(1).toByteArray(), QByteArray("ping\n"));
        // The text stays for resending, nothing was inserted by the shortcut.
        QCOMPARE(box.textEdit()->toPlainText(), QStringLiteral("ping"));
    }

    void hexInput() {
        ConnectionsModel model;
        openConnection(model);
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        box.setMode(SendBox::Mode::Hex);
        QSignalSpy spy(&box, &SendBox::sendRequested);

        box.hexEdit()->setPlainText(QStringLiteral("de ad zz"));
        QVERIFY(!box.send());
        QCOMPARE(spy.count(), 0);
        QVERIFY(box.errorLabel()->isVisible());
        QVERIFY(!box.errorLabel()->text().isEmpty());

        box.hexEdit()->setPlainText(QStringLiteral("de ad be ef 00"));
        QVERIFY(box.send());
        QVERIFY(!box.errorLabel()->isVisible());
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
        QVERIFY(box.errorLabel()->isVisible());
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

        box.fileEdit()->setText(QStringLiteral("/nonexistent/file.bin"));
        QVERIFY(!box.send());
        QVERIFY(box.errorLabel()->text().contains(u"/nonexistent/file.bin"));

        // The file is read as it is sent, a chunk at a time (FileSender).
        box.fileEdit()->setText(file.fileName());
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
        QTest::mouseClick(box.halfCloseButton(), Qt::LeftButton);
        QCOMPARE(halfClose.count(), 1);
        QCOMPARE(halfClose.at(0).at(0).toInt(), kConn);

        model.applyBatch({m_events.halfClose(kConn, Closer::Local)}, {});
        QVERIFY(!box.halfCloseButton()->isEnabled());
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(box.hintLabel()->isVisible());
        QTest::mouseClick(box.closeButton(), Qt::LeftButton);
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
        QVERIFY(box.hintLabel()->isVisible());
        QVERIFY(box.minimumSizeHint().width() <= idle);
    }

    void connectingCanBeCancelled() {
        ConnectionsModel model;
        model.applyBatch({m_events.connect(kConn, QStringLiteral("192.0.2.1:80"))}, {});
        SendBox box(&model);
        box.show();
        box.setConnection(kConn);
        QVERIFY(!box.sendButton()->isEnabled());
        QVERIFY(box.closeButton()->isEnabled());
        QSignalSpy close(&box, &SendBox::closeRequested);
        QTest::mouseClick(box.closeButton(), Qt::LeftButton);
        QCOMPARE(close.count(), 1);
    }
};

QTEST_MAIN(tst_SendBox)
#include "tst_sendbox.moc"
