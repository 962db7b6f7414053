#include "connectionspanel.h"
#include "engine/engine.h"
#include "listeneractions.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "rawpeer.h"
#include "viewparts.h"
#include "windowparts.h"

#include <QDialog>
#include <QMenu>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

#include <memory>
#include <vector>

using namespace sockscope;
using Model = ConnectionsModel;

namespace {
QAction* actionNamed(const QMenu& menu, const QString& text) {
    for (QAction* action : menu.actions()) {
        if (action->text().remove(u'&') == text)
            return action;
    }
    return nullptr;
}
} // namespace

// The listener's context menu, driven through a live window: the actions
// reach the engine and the kernel's accept queue shows on the listener row.
class tst_ListenerActions final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

    // Builds the menu the panel would show for the listener and triggers text.
    bool trigger(int listenerId, const QString& text) {
        ConnectionsPanel* panel = parts::connectionsPanel(m_window);
        const QModelIndex row =
            parts::proxyOf(panel->view())
                ->mapFromSource(parts::connectionsModel(m_window)->indexOfListener(listenerId));
        QMenu menu;
        panel->listenerActions()->addTo(&menu, row);
        QAction* action = actionNamed(menu, text);
        if (!action)
            return false;
        action->trigger();
        return true;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        m_window->show();
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void pauseShowsTheQueueAndResumeAccepts() {
        ListenerConfig config;
        config.address = u"localhost"_qs;
        config.backlog = 2;
        const int listenerId = m_window->startListener(config);
        Model* model = parts::connectionsModel(m_window);
        QTRY_COMPARE(model->listenerCount(), 1);
        const QModelIndex listener = model->indexOfListener(listenerId);
        const quint16 port = quint16(listener.siblingAtColumn(Model::LocalColumn)
                                         .data()
                                         .toString()
                                         .section(u':', -1)
                                         .toUInt());
        QVERIFY(port != 0);

        QVERIFY(!trigger(listenerId, u"Resume accepting"_qs)); // not paused: no resume
        QVERIFY(trigger(listenerId, u"Pause accepting"_qs));
        QTRY_VERIFY(listener.data(Model::AcceptPausedRole).toBool());

        // Backlog 2 queues three; the kernel completes them without SockScope.
        std::vector<RawPeer> clients;
        for (int i = 0; i < 3; ++i)
            clients.push_back(RawPeer::startConnectToLoopback(port));
        QTRY_VERIFY2(listener.siblingAtColumn(Model::DetailColumn)
                         .data()
                         .toString()
                         .startsWith(u"paused · 3 waiting / backlog 2"),
                     qPrintable(listener.siblingAtColumn(Model::DetailColumn).data().toString()));
        QCOMPARE(model->rowCount(listener), 0);

        QVERIFY(!trigger(listenerId, u"Pause accepting"_qs)); // paused: no second pause
        QVERIFY(trigger(listenerId, u"Resume accepting"_qs));
        QTRY_COMPARE(model->rowCount(listener), 3);
        QTRY_VERIFY(!listener.data(Model::AcceptPausedRole).toBool());
        QTRY_VERIFY(
            !listener.siblingAtColumn(Model::DetailColumn).data().toString().contains(u"waiting"));
    }

    void whoCanReachThisNamesTheListener() {
        ListenerConfig config;
        config.address = u"localhost"_qs;
        const int listenerId = m_window->startListener(config);
        QTRY_COMPARE(parts::connectionsModel(m_window)->listenerCount(), 1);
        const QString local = parts::connectionsModel(m_window)
                                  ->indexOfListener(listenerId)
                                  .siblingAtColumn(Model::LocalColumn)
                                  .data()
                                  .toString();
        QSignalSpy requested(parts::connectionsPanel(m_window)->listenerActions(),
                             &ListenerActions::reachabilityRequested);
        QVERIFY(trigger(listenerId, u"Who can reach this?…"_qs));
        QCOMPARE(requested.count(), 1);
        QCOMPARE(requested.at(0).at(0).toString(), local);
        // The window answers with the probe dialog.
        QTRY_VERIFY(m_window->findChild<QDialog*>(QString(), Qt::FindDirectChildrenOnly));
    }
};

QTEST_MAIN(tst_ListenerActions)
#include "tst_listeneractions.moc"
