// File → Replay session… and Connection → Replay connection…: the
// recorded conversations are played as their client against a live server
// (a QTcpServer here), each one's result is listed, and the first
// difference shows beside the conversation's turns, as text and hex.
#include "engine/engine.h"
#include "mainwindow.h"
#include "models/palettecolors.h"
#include "models/trafficmodel.h"
#include "replayaction.h"
#include "replaywindow.h"
#include "windowparts.h"

#include <QApplication>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace sockscope;

namespace {
enum ListColumn { ConnColumn, TurnsColumn, ResultColumn };
enum TurnColumn { TurnNumberColumn, TurnDirectionColumn, TurnSizeColumn, TurnDataColumn };

const QByteArray kGreeting = "HELLO v1\r\n";
const QByteArray kRequest = "GET id=7\r\n";
const QByteArray kAnswer = "VALUE 42 ok\r\n";

// A conversation as the window records one: the server greets, the
// client asks, the server answers.
ReplayConversation conversation(int conn, const QByteArray& answer = kAnswer) {
    return {conn, {{false, kGreeting, 0}, {true, kRequest, 1000}, {false, answer, 2000}}};
}

// The field of the form with that label (the masks field has no object name).
QLineEdit* formField(const QWidget& window, const QString& label) {
    for (auto* form : window.findChildren<QFormLayout*>()) {
        for (auto* edit : window.findChildren<QLineEdit*>()) {
            auto* text = qobject_cast<QLabel*>(form->labelForField(edit));
            if (text && text->text() == label)
                return edit;
        }
    }
    qFatal("the window has no field labelled %s", qPrintable(label));
}

QLabel* labelStartingWith(const QWidget& window, const QString& start) {
    for (auto* label : window.findChildren<QLabel*>()) {
        if (label->text().startsWith(start))
            return label;
    }
    return nullptr;
}

// Everything the connection received, from the traffic panel's rows.
QByteArray receivedBy(const TrafficModel& model, int conn) {
    QByteArray bytes;
    for (int row = 0; row < model.rowCount(); ++row) {
        const CaptureEvent& e = model.eventAt(row);
        if (e.conn == conn && e.kind == EventKind::Data && e.dir == Direction::In)
            bytes += e.data;
    }
    return bytes;
}

// Runs call while answering the message box it opens (if any) with OK, and
// returns the box's text; the poll gives up after 5 s without a box.
template <typename Call> QString answeringMessageBox(QWidget* parent, Call call) {
    QString text;
    int polls = 0;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        auto* box = parent->findChild<QMessageBox*>();
        if (!box)
            box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (box && box->isVisible()) {
            text = box->text();
            if (QAbstractButton* ok = box->button(QMessageBox::Ok))
                ok->click();
            else
                box->done(QMessageBox::Ok);
        } else if (++polls > 500) {
            poll.stop();
        }
    });
    poll.start();
    call();
    poll.stop();
    return text;
}
} // namespace

class tst_ReplayWindow final : public QObject {
    Q_OBJECT

private:
    QTcpServer m_server;
    QByteArray m_answer; // what the server answers kRequest with
    int m_accepted = 0;

    QString target() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_replaywindow"));
        QSettings().clear();
        // The live server: greets, and answers the request line with m_answer.
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                ++m_accepted;
                socket->write(kGreeting);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    while (socket->canReadLine()) {
                        if (socket->readLine() == kRequest)
                            socket->write(m_answer);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    void init() {
        m_answer = kAnswer;
        m_accepted = 0;
    }

    void aServerThatAnswersAsRecordedMatches() {
        ReplayWindow window({conversation(3), conversation(5)}, target());
        window.show();
        auto* list = parts::find<QTreeWidget>(window, "replayConversations");
        auto* status = parts::find<QLabel>(window, "replayStatus");
        QCOMPARE(list->topLevelItemCount(), 2);
        QCOMPARE(list->topLevelItem(0)->text(ConnColumn), QStringLiteral("#3"));
        QCOMPARE(list->topLevelItem(1)->text(TurnsColumn), QStringLiteral("3"));
        QCOMPARE(list->topLevelItem(0)->text(ResultColumn), QStringLiteral("not replayed"));

        QVERIFY(window.start());
        QTRY_COMPARE(status->text(), QStringLiteral("All 2 conversations matched the recording."));
        for (int row = 0; row < 2; ++row)
            QCOMPARE(list->topLevelItem(row)->text(ResultColumn), QStringLiteral("✔ matched"));
        QCOMPARE(m_accepted, 2);

        // The first conversation's turns, none marked, and no bytes to compare.
        auto* turns = parts::find<QTreeWidget>(window, "replayTurns");
        QCOMPARE(turns->topLevelItemCount(), 3);
        for (int row = 0; row < 3; ++row)
            QCOMPARE(turns->topLevelItem(row)->background(TurnDataColumn).style(), Qt::NoBrush);
        QVERIFY(parts::find<QPlainTextEdit>(window, "recordedBytes")->toPlainText().isEmpty());
        QVERIFY(parts::find<QPlainTextEdit>(window, "receivedBytes")->toPlainText().isEmpty());
        QVERIFY(labelStartingWith(window, QStringLiteral("Every answer of the server matched")));
    }

    // The server now answers "VALUE 43": #4 was recorded so, #7 said 42.
    // The first difference is picked and shown at once.
    void aDifferingByteIsShownBesideItsTurn() {
        m_answer = "VALUE 43 ok\r\n";
        ReplayWindow window({conversation(4, m_answer), conversation(7)}, target());
        window.show();
        auto* list = parts::find<QTreeWidget>(window, "replayConversations");
        auto* status = parts::find<QLabel>(window, "replayStatus");
        QVERIFY(window.start());
        QTRY_COMPARE(status->text(), QStringLiteral("1 of 2 conversations matched the recording."));
        QCOMPARE(list->topLevelItem(0)->text(ResultColumn), QStringLiteral("✔ matched"));
        QCOMPARE(list->topLevelItem(1)->text(ResultColumn), QStringLiteral("✘ differs at turn 3"));
        QCOMPARE(list->currentItem(), list->topLevelItem(1));

        auto* turns = parts::find<QTreeWidget>(window, "replayTurns");
        QCOMPARE(turns->topLevelItemCount(), 3);
        QCOMPARE(turns->topLevelItem(1)->text(TurnDirectionColumn),
                 QStringLiteral("client → server"));
        QTreeWidgetItem* differing = turns->topLevelItem(2);
        QCOMPARE(differing->text(TurnNumberColumn), QStringLiteral("3"));
        QCOMPARE(differing->text(TurnDirectionColumn), QStringLiteral("server → client"));
        QCOMPARE(differing->text(TurnSizeColumn), QStringLiteral("13"));
        QCOMPARE(differing->text(TurnDataColumn), QStringLiteral("VALUE 42 ok\\r\\n"));
        const QBrush marked = differing->background(TurnDataColumn);
        QCOMPARE(marked.style(), Qt::SolidPattern);
        QCOMPARE(marked.color(), errorBackground(window.palette()));
        for (int row = 0; row < 2; ++row)
            QVERIFY(turns->topLevelItem(row)->background(TurnDataColumn) != marked);

        QLabel* reason = labelStartingWith(window, QStringLiteral("Turn 3 differs at byte 7"));
        QVERIFY(reason);
        QCOMPARE(reason->text(), QStringLiteral("Turn 3 differs at byte 7"));
        // From the differing offset on: "VALUE 4" held.
        const QString recorded =
            parts::find<QPlainTextEdit>(window, "recordedBytes")->toPlainText();
        const QString received =
            parts::find<QPlainTextEdit>(window, "receivedBytes")->toPlainText();
        QVERIFY2(recorded.startsWith(QStringLiteral("2 ok\\r\\n\n\n")), qPrintable(recorded));
        QVERIFY2(recorded.contains(QStringLiteral("32 20 6f 6b 0d 0a")), qPrintable(recorded));
        QVERIFY2(received.startsWith(QStringLiteral("3 ok\\r\\n\n\n")), qPrintable(received));
        QVERIFY2(received.contains(QStringLiteral("33 20 6f 6b 0d 0a")), qPrintable(received));

        // The matching one, picked, has nothing to compare.
        list->setCurrentItem(list->topLevelItem(0));
        QCOMPARE(turns->topLevelItem(2)->background(TurnDataColumn).style(), Qt::NoBrush);
        QVERIFY(parts::find<QPlainTextEdit>(window, "recordedBytes")->toPlainText().isEmpty());
    }

    void aBadAddressOrMaskIsNamedAndNothingConnects() {
        ReplayWindow window({conversation(1)}, QStringLiteral("localhost"));
        window.show();
        auto* list = parts::find<QTreeWidget>(window, "replayConversations");
        auto* status = parts::find<QLabel>(window, "replayStatus");
        auto* server = parts::find<QLineEdit>(window, "replayTarget");
        QCOMPARE(server->text(), QStringLiteral("localhost"));
        QVERIFY(!window.start());
        QVERIFY2(status->text().startsWith(QStringLiteral("Server: ")), qPrintable(status->text()));
        QVERIFY2(status->text().contains(QStringLiteral("has no port")),
                 qPrintable(status->text()));
        server->setText(QStringLiteral("localhost:0"));
        QVERIFY(!window.start());
        QVERIFY2(status->text().contains(QStringLiteral("port 0 cannot be connected to")),
                 qPrintable(status->text()));
        server->setText(QStringLiteral("localhost:70000"));
        QVERIFY(!window.start());
        QVERIFY2(status->text().contains(QStringLiteral("'70000' is not a port")),
                 qPrintable(status->text()));

        server->setText(target());
        QLineEdit* masks = formField(window, QStringLiteral("&Masks:"));
        masks->setText(QStringLiteral("VALUE [0-9]+ || id=("));
        QVERIFY(!window.start());
        QVERIFY2(status->text().startsWith(QStringLiteral("Mask 'id=(' is not a regular "
                                                          "expression: ")),
                 qPrintable(status->text()));
        QCOMPARE(list->topLevelItem(0)->text(ResultColumn), QStringLiteral("not replayed"));
        QCOMPARE(m_accepted, 0);

        // Once the mask is right, it hides the field that changed.
        m_answer = "VALUE 43 ok\r\n";
        masks->setText(QStringLiteral("VALUE [0-9]+"));
        QVERIFY(window.start());
        QTRY_COMPARE(status->text(), QStringLiteral("All 1 conversations matched the recording."));
        QCOMPARE(list->topLevelItem(0)->text(ResultColumn), QStringLiteral("✔ matched"));
        QCOMPARE(m_accepted, 1);
    }

    // The live window's session: its client's conversation, and the server
    // as the client named it.
    void theWindowReplaysItsOwnSession() {
        Engine engine;
        MainWindow window(&engine);
        window.setConfirmQuit(false);
        window.show();
        auto* replaying = parts::find<ReplayAction>(window, "replaySessionAction");

        ReplayWindow* none = nullptr;
        QString said = answeringMessageBox(&window, [&] { none = replaying->openReplay(0); });
        QVERIFY(!none);
        QVERIFY2(said.contains(QStringLiteral("no conversation to replay")), qPrintable(said));

        ClientConfig client;
        client.host = QStringLiteral("localhost");
        client.port = m_server.serverPort();
        const int conn = window.startClient(client);
        QVERIFY(conn != 0);
        QTRY_COMPARE(receivedBy(*parts::trafficModel(&window), conn), kGreeting);

        ReplayWindow* replay = replaying->openReplay(0);
        QVERIFY(replay);
        QVERIFY(replay->isVisible());
        auto* list = parts::find<QTreeWidget>(replay, "replayConversations");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(ConnColumn), QStringLiteral("#%1").arg(conn));
        QCOMPARE(list->topLevelItem(0)->text(TurnsColumn), QStringLiteral("1"));
        QCOMPARE(parts::find<QLineEdit>(replay, "replayTarget")->text(),
                 QStringLiteral("localhost:%1").arg(m_server.serverPort()));
        QVERIFY(replay->start());
        QTRY_COMPARE(list->topLevelItem(0)->text(ResultColumn), QStringLiteral("✔ matched"));

        ReplayWindow* one = replaying->openReplay(conn);
        QVERIFY(one);
        QCOMPARE(parts::find<QTreeWidget>(one, "replayConversations")->topLevelItemCount(), 1);

        said = answeringMessageBox(&window, [&] { none = replaying->openReplay(conn + 1000); });
        QVERIFY(!none);
        QVERIFY2(
            said.contains(QStringLiteral("Connection #%1 has no conversation").arg(conn + 1000)),
            qPrintable(said));
    }
};

QTEST_MAIN(tst_ReplayWindow)
#include "tst_replaywindow.moc"
