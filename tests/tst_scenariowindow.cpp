// File → Run scenario…: each step is ticked or crossed as it ends, a failed
// expect shows the expected bytes beside the received ones, and a library
// message the window saved can be sent by name.
#include "engine/engine.h"
#include "findpart.h"
#include "mainwindow.h"
#include "messagelibrary.h"
#include "scenarioaction.h"
#include "scenariowindow.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace sockscope;

class tst_ScenarioWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_scenariowindow"));
        QSettings().clear();
        // A server that greets and answers every line with "OK <line>".
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = m_server.nextPendingConnection();
            socket->write("READY\n");
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                while (socket->canReadLine())
                    socket->write("OK " + socket->readLine());
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        });
    }

    void stepsAreTickedAndAFailureShowsBothSides() {
        MessageLibrary library;
        library.save(QStringLiteral("status"), {SendMessage::Format::Text, QStringLiteral("STATUS"),
                                                SendMessage::LineEnding::Lf});
        const QString path = writeScenario(R"({"sockscope_scenario": 1, "name": "status check",
            "steps": [{"connect": "127.0.0.1:%1"}, {"expect": "READY\n"},
                      {"send": {"library": "status"}}, {"expect": "OK STATUS\n"},
                      {"send": "PING\n"}, {"expect": "OK PONG\n", "name": "pong"},
                      {"close": true}]})");
        Engine engine;
        ScenarioWindow window(&engine, path);
        QString error;
        QVERIFY2(window.run(&error), qPrintable(error));
        auto* steps = window.findChild<QTreeWidget*>(QStringLiteral("scenarioSteps"));
        QCOMPARE(steps->topLevelItemCount(), 7);
        QTRY_VERIFY(steps->topLevelItem(5)->text(2).contains(QStringLiteral("failed")));
        for (int i = 0; i < 5; ++i)
            QVERIFY2(steps->topLevelItem(i)->text(2).contains(QStringLiteral("held")),
                     qPrintable(steps->topLevelItem(i)->text(1)));
        QVERIFY(steps->topLevelItem(6)->text(2).contains(QStringLiteral("skipped")));
        QVERIFY(steps->topLevelItem(5)->text(1).startsWith(QStringLiteral("pong: ")));

        const QList<QPlainTextEdit*> views{
            window.findChild<QPlainTextEdit*>(QStringLiteral("expectedBytes")),
            window.findChild<QPlainTextEdit*>(QStringLiteral("receivedBytes"))};
        QVERIFY(views.at(0)->isVisibleTo(&window));
        // "OK P" held; the difference starts at byte 4.
        QVERIFY2(views.at(0)->toPlainText().startsWith(QStringLiteral("ONG\\n")),
                 qPrintable(views.at(0)->toPlainText()));
        QVERIFY2(views.at(1)->toPlainText().startsWith(QStringLiteral("ING\\n")),
                 qPrintable(views.at(1)->toPlainText()));
        QVERIFY(views.at(1)->toPlainText().contains(QStringLiteral("49 4e 47 0a")));
        auto* status = window.findChild<QLabel*>(QStringLiteral("scenarioStatus"));
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Failed: 5 of 7")));
    }

    void runAgainReadsTheFileAgain() {
        const QString path = writeScenario(R"({"sockscope_scenario": 1,
            "steps": [{"connect": "127.0.0.1:%1"}, {"expect": "NOT READY\n"}]})");
        Engine engine;
        ScenarioWindow window(&engine, path);
        QString error;
        QVERIFY(window.run(&error));
        auto* status = window.findChild<QLabel*>(QStringLiteral("scenarioStatus"));
        QTRY_VERIFY(status->text().startsWith(QStringLiteral("Failed")));
        writeScenario(R"({"sockscope_scenario": 1,
            "steps": [{"connect": "127.0.0.1:%1"}, {"expect": "READY\n"}]})");
        auto* again = findButton(window, QStringLiteral("&Run again"));
        QVERIFY(again->isEnabled());
        again->click();
        QTRY_COMPARE(status->text(), QStringLiteral("Passed: all 2 steps held."));
    }

    void aBrokenFileSaysWhereBeforeAnythingConnects() {
        const QString path = writeScenario(R"({"sockscope_scenario": 1,
            "steps": [{"connect": "127.0.0.1:%1"}, {"send": {"library": "no such"}}]})");
        Engine engine;
        ScenarioWindow window(&engine, path);
        QString error;
        QVERIFY(!window.run(&error));
        QVERIFY2(error.contains(QStringLiteral("steps[1].send.library")), qPrintable(error));
    }

    // The main window's File → Run scenario…, once a file is chosen: the
    // steps run on the window's engine, in a window of their own.
    void theMainWindowRunsAChosenFile() {
        const QString path = writeScenario(R"({"sockscope_scenario": 1,
            "steps": [{"connect": "127.0.0.1:%1"}, {"expect": "READY\n"}]})");
        Engine engine;
        MainWindow window(&engine);
        window.setConfirmQuit(false);
        ScenarioWindow* scenario =
            parts::find<ScenarioAction>(window, "runScenarioAction")->run(path);
        QVERIFY(scenario);
        QVERIFY(scenario->isVisible());
        QTRY_COMPARE(parts::find<QLabel>(scenario, "scenarioStatus")->text(),
                     QStringLiteral("Passed: all 2 steps held."));
    }

private:
    QString writeScenario(const char* json) {
        const QString path = m_dir.filePath(QStringLiteral("scenario.json"));
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(QString::fromUtf8(json).arg(m_server.serverPort()).toUtf8());
        return path;
    }
    static QPushButton* findButton(const QWidget& window, const QString& text) {
        for (QPushButton* button : window.findChildren<QPushButton*>()) {
            if (button->text() == text)
                return button;
        }
        return nullptr;
    }

    QTcpServer m_server;
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_ScenarioWindow)
#include "tst_scenariowindow.moc"
