#include "engine/engine.h"
#include "formats/jsonlrecorder.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "models/trafficmodel.h"
#include "noticebanner.h"
#include "recordaction.h"
#include "sessionstatusbar.h"
#include "windowparts.h"

#include <QFile>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace sockscope;
using Column = ConnectionsModel::Column;

namespace {
QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool trafficHas(const TrafficModel& model, const QByteArray& bytes) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.eventAt(row).data == bytes)
            return true;
    }
    return false;
}
} // namespace

class tst_RecordAction final : public QObject {
    Q_OBJECT

private:
    // A client connected to a listener of the window; its connection id.
    int connectPair() {
        ListenerConfig listen;
        listen.address = QStringLiteral("127.0.0.1");
        m_window->startListener(listen);
        ConnectionsModel* model = parts::connectionsModel(m_window);
        if (!QTest::qWaitFor([&] { return model->listenerCount() == 1; }))
            return 0;
        ClientConfig client;
        client.host = QStringLiteral("127.0.0.1");
        client.port = quint16(
            model->index(0, Column::LocalColumn).data().toString().section(u':', -1).toUInt());
        const int conn = m_window->startClient(client);
        return QTest::qWaitFor([&] { return model->openConnectionCount() == 2; }) ? conn : 0;
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_recordaction"));
        QVERIFY(m_dir.isValid());
    }

    void init() {
        QSettings().clear();
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void recordsWhileRunningUntilUnchecked() {
        RecordAction* record = parts::recordAction(m_window);
        QVERIFY(record->isCheckable());
        QVERIFY(!record->isChecked());
        const QString path = m_dir.filePath(QStringLiteral("running.jsonl"));
        record->startRecording(path);
        QVERIFY(record->isChecked());

        const int conn = connectPair();
        QVERIFY(conn);
        m_engine->send(conn, "while recording\n");
        // On disk while the session runs, not only at the end.
        const QByteArray encoded = QByteArray("while recording\n").toBase64();
        QTRY_VERIFY(readAll(path).contains(encoded));
        QVERIFY(readAll(path).startsWith(R"({"ts":)"));

        QLabel* label = parts::sessionStatusBar(m_window)->recordingLabel();
        QTRY_VERIFY(label->isVisibleTo(m_window.get()));
        QVERIFY2(label->text().startsWith(u"● Recording to running.jsonl ("),
                 qPrintable(label->text()));
        QVERIFY(record->isChecked());

        // Unchecking (as a click does) stops it: later traffic stays out.
        record->trigger();
        QVERIFY(!record->isChecked());
        m_engine->send(conn, "after the recording\n");
        QTRY_VERIFY(trafficHas(*parts::trafficModel(m_window), "after the recording\n"));
        QTRY_VERIFY(!label->isVisibleTo(m_window.get()));
        QVERIFY(!readAll(path).contains(QByteArray("after the recording\n").toBase64()));
        QVERIFY(!record->isChecked());
    }

    void failureUnchecksAndSaysWhy() {
        RecordAction* record = parts::recordAction(m_window);
        QSignalSpy failed(record, &RecordAction::failed);
        const QString path = m_dir.filePath(QStringLiteral("missing-folder/session.jsonl"));
        record->startRecording(path);
        QVERIFY(record->isChecked());
        QTRY_VERIFY(!record->isChecked());
        QCOMPARE(failed.size(), 1);
        NoticeBanner* banner = parts::noticeBanner(m_window);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->message().contains(u"missing-folder"), qPrintable(banner->message()));
    }

    void followsARecordingStartedElsewhere() {
        // As --record does: straight to the engine, not through the action.
        const QString path = m_dir.filePath(QStringLiteral("command-line.jsonl"));
        m_engine->startRecording(std::make_unique<JsonlRecorder>(path));
        const int conn = connectPair();
        QVERIFY(conn);
        QTRY_VERIFY(parts::recordAction(m_window)->isChecked());
        m_engine->stopRecording();
        m_engine->send(conn, "x");
        QTRY_VERIFY(!parts::recordAction(m_window)->isChecked());
    }
};

QTEST_MAIN(tst_RecordAction)
#include "tst_recordaction.moc"
