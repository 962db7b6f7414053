#include "connectionspanel.h"
#include "detailtabs.h"
#include "engine/engine.h"
#include "exportaction.h"
#include "followstreamview.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "models/eventlogmodel.h"
#include "models/trafficmodel.h"
#include "opensessionaction.h"
#include "readonlybanner.h"
#include "recordaction.h"
#include "sendbox.h"
#include "sessionfixture.h"
#include "sessionstatusbar.h"
#include "trafficfiltermodel.h"
#include "trafficpanel.h"
#include "windowparts.h"

#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

#include <memory>

using namespace sockscope;
using Column = ConnectionsModel::Column;

namespace {
quint16 portOf(const QString& endpoint) {
    return quint16(endpoint.section(u':', -1).toUInt());
}

// Every displayed cell of the connections tree, depth first, one line per row.
QStringList rowsOf(const QAbstractItemModel& model, const QModelIndex& parent = {}) {
    QStringList rows;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        QStringList cells;
        for (int column = 0; column < model.columnCount(parent); ++column)
            cells << model.index(row, column, parent).data().toString();
        rows << cells.join(u" | ");
        rows << rowsOf(model, model.index(row, 0, parent));
    }
    return rows;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// The events of a JSON Lines export: everything after the header line,
// whose timestamp is the export's own time.
QByteArray eventLines(const QString& path) {
    const QByteArray all = readAll(path);
    return all.mid(all.indexOf('\n') + 1);
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}
} // namespace

class tst_OpenSession final : public QObject {
    Q_OBJECT

private:
    // A listener, a client connected to it, text one way and binary bytes
    // the other, then the client's half-close; exported as JSON Lines.
    void recordLiveSession(const QString& path) {
        ListenerConfig listen;
        listen.address = QStringLiteral("127.0.0.1");
        m_window->startListener(listen);
        ConnectionsModel* live = parts::connectionsModel(m_window);
        QTRY_COMPARE(live->listenerCount(), 1);
        const quint16 port = portOf(live->index(0, Column::LocalColumn).data().toString());
        ClientConfig client;
        client.host = QStringLiteral("127.0.0.1");
        client.port = port;
        const int outgoing = m_window->startClient(client);
        QTRY_COMPARE(live->openConnectionCount(), 2);
        const int accepted =
            live->index(0, 0, live->index(0, 0)).data(ConnectionsModel::IdRole).toInt();
        m_engine->send(outgoing, "hello, saved world\n");
        m_engine->send(accepted, QByteArray("\x00\xff\x7f binary", 10));
        m_engine->halfClose(outgoing);
        QTRY_COMPARE(live->indexOfConnection(accepted).data(ConnectionsModel::StateRole).toInt(),
                     int(ConnectionsModel::State::HalfClosedByPeer));
        QTRY_COMPARE(live->indexOfConnection(outgoing)
                         .siblingAtColumn(Column::BytesInColumn)
                         .data()
                         .toString(),
                     QStringLiteral("10 bytes"));
        QString error;
        QVERIFY2(parts::exportAction(m_window)->exportTo(path, ExportFormat::Jsonl, &error),
                 qPrintable(error));
    }

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_opensession"));
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
        m_window.reset(); // takes its saved-session windows along
        m_engine.reset();
    }

    void savedSessionShowsWhatTheLiveOneShowed() {
        const QString path = m_dir.filePath(QStringLiteral("live.jsonl"));
        recordLiveSession(path);
        if (QTest::currentTestFailed())
            return;

        QPointer<MainWindow> saved = m_window->openSession(path);
        QVERIFY(saved);
        QVERIFY(saved->isReadOnly());
        QVERIFY(!m_window->isReadOnly());
        QVERIFY(QTest::qWaitForWindowExposed(saved.data()));
        QCOMPARE(saved->windowTitle(), QStringLiteral("SockScope — live.jsonl (read-only)"));

        // The same sockets: ephemeral ports, states and byte counts.
        const QStringList liveRows = rowsOf(*parts::connectionsModel(m_window));
        QCOMPARE(rowsOf(*parts::connectionsModel(saved)), liveRows);
        QCOMPARE(liveRows.size(), 4); // listener, accepted, group, outgoing
        const ConnectionsModel* model = parts::connectionsModel(saved);
        const QModelIndex accepted = model->index(0, 0, model->index(0, 0));
        const QModelIndex outgoing = model->index(0, 0, model->index(1, 0));
        QCOMPARE(portOf(accepted.siblingAtColumn(Column::PeerColumn).data().toString()),
                 portOf(outgoing.siblingAtColumn(Column::LocalColumn).data().toString()));

        // The same chunks and events.
        const TrafficModel* traffic = parts::trafficModel(saved);
        QCOMPARE(traffic->rowCount(), parts::trafficModel(m_window)->rowCount());
        QCOMPARE(traffic->rowCount(), 4);
        for (int row = 0; row < traffic->rowCount(); ++row)
            QCOMPARE(traffic->eventAt(row).data, parts::trafficModel(m_window)->eventAt(row).data);
        QCOMPARE(parts::eventLogModel(saved)->rowCount(),
                 parts::eventLogModel(m_window)->rowCount());

        // Follow stream and hex read the saved events, not the live store.
        const int acceptedId = accepted.data(ConnectionsModel::IdRole).toInt();
        parts::connectionsPanel(saved)->selectConnection(acceptedId);
        QTRY_VERIFY(
            parts::detailTabs(saved)->followView()->toPlainText().contains(u"hello, saved world"));
        TrafficPanel* panel = parts::trafficPanel(saved);
        QCOMPARE(panel->shownConnection(), acceptedId);
        QCOMPARE(panel->filterModel()->rowCount(), 2);
        // Which of the two chunks came first depends on the kernel.
        const int outRow = panel->filterModel()
                                   ->index(0, 0)
                                   .data(TrafficModel::PayloadRole)
                                   .toByteArray()
                                   .startsWith('\0')
                               ? 0
                               : 1;
        panel->view()->setCurrentIndex(panel->filterModel()->index(outRow, 0));
        QVERIFY2(parts::detailTabs(saved)->hexView()->toPlainText().contains(u"00 ff 7f 20 62"),
                 qPrintable(parts::detailTabs(saved)->hexView()->toPlainText()));
    }

    void savedSessionIsReadOnly() {
        const QString path = m_dir.filePath(QStringLiteral("readonly.jsonl"));
        recordLiveSession(path);
        if (QTest::currentTestFailed())
            return;
        QPointer<MainWindow> saved = m_window->openSession(path);
        QVERIFY(saved);

        auto* banner = saved->findChild<ReadOnlyBanner*>();
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->message().contains(u"readonly.jsonl"), qPrintable(banner->message()));
        QCOMPARE(banner->window(), saved.data());
        for (const ReadOnlyBanner* any : m_window->findChildren<ReadOnlyBanner*>())
            QVERIFY(any->window() != m_window.get());
        QVERIFY(parts::sendBox(saved)->isHidden());

        // A connection that was open when saved is selected: still nothing to send.
        const ConnectionsModel* model = parts::connectionsModel(saved);
        parts::connectionsPanel(saved)->selectConnection(
            model->index(0, 0, model->index(0, 0)).data(ConnectionsModel::IdRole).toInt());
        const QStringList offline{QStringLiteral("&Listen…"), QStringLiteral("&Connect…"),
                                  QStringLiteral("&Send"), QStringLiteral("&Half-close"),
                                  QStringLiteral("&Close")};
        int found = 0;
        for (QAction* action : saved->findChildren<QAction*>()) {
            if (offline.contains(action->text())) {
                ++found;
                QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            }
        }
        QCOMPARE(found, offline.size());
        QVERIFY(!parts::recordAction(saved)->isEnabled());
        QVERIFY(parts::exportAction(saved)->isEnabled());
        QVERIFY(parts::recordAction(m_window)->isEnabled());

        // The live window goes on: it still starts listeners.
        ListenerConfig more;
        more.address = QStringLiteral("127.0.0.1");
        m_window->startListener(more);
        QTRY_COMPARE(parts::connectionsModel(m_window)->listenerCount(), 2);
        QCOMPARE(parts::connectionsModel(saved)->listenerCount(), 1);

        // Its File menu closes the window rather than quitting, and asks
        // nothing although connections were open when saved.
        QAction* close = nullptr;
        for (QAction* action : saved->findChildren<QAction*>()) {
            QVERIFY(action->text() != QStringLiteral("&Quit"));
            if (action->shortcut() == QKeySequence(QKeySequence::Close))
                close = action;
        }
        QVERIFY(close);
        close->trigger();
        QTRY_VERIFY(saved.isNull());
        QVERIFY(m_window->isVisible());
    }

    void reExportEqualsTheOriginal_data() {
        QTest::addColumn<bool>("fromLiveSession");
        QTest::newRow("live session") << true;
        QTest::newRow("every kind of event, with drops") << false;
    }

    void reExportEqualsTheOriginal() {
        QFETCH(bool, fromLiveSession);
        const QString original = m_dir.filePath(QStringLiteral("original.jsonl"));
        if (fromLiveSession) {
            recordLiveSession(original);
            if (QTest::currentTestFailed())
                return;
        } else {
            QString error;
            QVERIFY2(exportSession(BatchEventSource(fixture::session()), original,
                                   ExportFormat::Jsonl, &error),
                     qPrintable(error));
        }
        QPointer<MainWindow> saved = m_window->openSession(original);
        QVERIFY(saved);
        // Something happening in the live session after the save must not
        // leak into the saved session's export.
        const int listening = parts::connectionsModel(m_window)->listenerCount();
        ListenerConfig later;
        later.address = QStringLiteral("127.0.0.1");
        m_window->startListener(later);
        QTRY_COMPARE(parts::connectionsModel(m_window)->listenerCount(), listening + 1);

        const QString again = m_dir.filePath(QStringLiteral("again.jsonl"));
        QString error;
        QVERIFY2(parts::exportAction(saved)->exportTo(again, ExportFormat::Jsonl, &error),
                 qPrintable(error));
        const QByteArray events = eventLines(original);
        QVERIFY(events.count('\n') >= 5);
        QCOMPARE(eventLines(again), events);
    }

    void damagedFileOpensNothing_data() {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        const QByteArray header = R"({"ts":"2026-11-25T12:50:00.000000Z","event":"header",)"
                                  R"("format":"sockscope-session","version":1})"
                                  "\n";
        const QByteArray listen = R"({"ts":"2026-11-25T12:47:26.124456Z","seq":1,)"
                                  R"("event":"listen","listener":1,"local":"127.0.0.1:8080"})"
                                  "\n";
        QTest::newRow("malformed line 3")
            << header + listen +
                   R"({"ts":"2026-11-25T12:47:26.125456Z","seq":2,"event":)"
                   "\n"
            << QStringLiteral("line 3");
        QTest::newRow("not a session") << QByteArray("hello\n") << QStringLiteral("line 1");
    }

    void damagedFileOpensNothing() {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("damaged.jsonl"));
        QVERIFY(writeFile(path, content));

        QVERIFY(!m_window->openSession(path));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox*>()));
        QTRY_VERIFY(box->isVisible());
        QVERIFY2(box->text().contains(u"damaged.jsonl"), qPrintable(box->text()));
        QVERIFY2(box->text().contains(expected), qPrintable(box->text()));
        QVERIFY(m_window->findChildren<MainWindow*>().isEmpty());
        box->accept();
        QTRY_VERIFY(!m_window->findChild<QMessageBox*>());
    }

    void missingFileSaysSo() {
        const QString path = m_dir.filePath(QStringLiteral("nowhere.jsonl"));
        QVERIFY(!m_window->openSession(path));
        QMessageBox* box = nullptr;
        QTRY_VERIFY((box = m_window->findChild<QMessageBox*>()));
        QVERIFY2(box->text().contains(u"nowhere.jsonl"), qPrintable(box->text()));
        box->accept();
    }

    void statusBarShowsTheSavedTotals() {
        const QString path = m_dir.filePath(QStringLiteral("totals.jsonl"));
        QString error;
        QVERIFY2(
            exportSession(BatchEventSource(fixture::session()), path, ExportFormat::Jsonl, &error),
            qPrintable(error));
        QPointer<MainWindow> saved = m_window->openSession(path);
        QVERIFY(saved);
        SessionStatusBar* status = parts::sessionStatusBar(saved);
        // The fixture's drop summary is shown, and no capture budget.
        QVERIFY(status->droppedLabel()->isVisibleTo(saved));
        QVERIFY(!status->captureLabel()->isVisibleTo(saved));
        QVERIFY(!status->recordingLabel()->isVisibleTo(saved));
    }

    void openingFromASavedWindowMakesASibling() {
        const QString path = m_dir.filePath(QStringLiteral("sibling.jsonl"));
        QString error;
        QVERIFY2(
            exportSession(BatchEventSource(fixture::session()), path, ExportFormat::Jsonl, &error),
            qPrintable(error));
        QPointer<MainWindow> first = m_window->openSession(path);
        QVERIFY(first);
        QPointer<MainWindow> second = first->openSession(path);
        QVERIFY(second);
        // Closing one saved window leaves the other; both belong to the live one.
        QCOMPARE(second->parentWidget(), m_window.get());
        first->close();
        QTRY_VERIFY(first.isNull());
        QVERIFY(!second.isNull());
    }
};

QTEST_MAIN(tst_OpenSession)
#include "tst_opensession.moc"
