// "Pause reading" from a connection's context menu, through a live window:
// the peer is held back by TCP flow control and nothing is read until resume.
#include "connectionspanel.h"
#include "engine/engine.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "rawpeer.h"
#include "viewparts.h"
#include "windowparts.h"

#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>

using namespace sockscope;
using Model = ConnectionsModel;

class tst_ReadingPause final : public QObject {
    Q_OBJECT

private:
    // Builds the menu the panel would show for the connection and triggers text.
    static bool trigger(MainWindow& window, int conn, const QString& text) {
        ConnectionsPanel* panel = parts::connectionsPanel(window);
        const QModelIndex row =
            parts::proxyOf(panel->view())
                ->mapFromSource(parts::connectionsModel(window)->indexOfConnection(conn));
        QMenu menu;
        panel->addSocketActions(&menu, row);
        for (QAction* action : menu.actions()) {
            if (action->text().remove(u'&') == text) {
                action->trigger();
                return true;
            }
        }
        return false;
    }

    static qint64 bytesIn(MainWindow& window, int conn) {
        return parts::connectionsModel(window)
            ->indexOfConnection(conn)
            .siblingAtColumn(Model::BytesInColumn)
            .data(Model::SortRole)
            .toLongLong();
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void pauseHoldsThePeerBackAndResumeReadsAll() {
        Engine engine;
        MainWindow window(&engine);
        window.setConfirmQuit(false);
        window.show();
        const int listenerId = window.startListener(ListenerConfig{});
        Model* model = parts::connectionsModel(window);
        QTRY_COMPARE(model->listenerCount(), 1);
        const quint16 port = quint16(model->indexOfListener(listenerId)
                                         .siblingAtColumn(Model::LocalColumn)
                                         .data()
                                         .toString()
                                         .section(u':', -1)
                                         .toUInt());
        RawPeer peer = RawPeer::connectToLoopback(port);
        QTRY_COMPARE(model->openConnectionCount(), 1);
        const QModelIndex listener = model->indexOfListener(listenerId);
        const int conn = model->index(0, 0, listener).data(Model::IdRole).toInt();

        QVERIFY(trigger(window, conn, QStringLiteral("Pause reading")));
        // A round trip through the engine: the pause is in effect before any data.
        engine.send(conn, "paused");
        QTRY_VERIFY((peer.poll(), peer.received == "paused"));
        const QByteArray block(64 * 1024, 'p');
        qint64 written = 0;
        for (int i = 0; i < 4096; ++i) {
            const ssize_t n = ::send(peer.descriptor(), block.constData(), size_t(block.size()),
                                     MSG_NOSIGNAL | MSG_DONTWAIT);
            if (n <= 0)
                break;
            written += n;
        }
        QVERIFY2(written < 4096ll * block.size(), "the peer was never held back");
        engine.send(conn, "still paused");
        QTRY_VERIFY((peer.poll(), peer.received.endsWith("still paused")));
        QCOMPARE(bytesIn(window, conn), qint64(0));

        QVERIFY(trigger(window, conn, QStringLiteral("Resume reading")));
        QTRY_COMPARE(bytesIn(window, conn), written);
    }
};

QTEST_MAIN(tst_ReadingPause)
#include "tst_readingpause.moc"
