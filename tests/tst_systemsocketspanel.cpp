#include "models/systemsocketsmodel.h"
#include "system/systemsocketspoller.h"
#include "systemsocketsfilter.h"
#include "systemsocketspanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTcpServer>
#include <QTest>
#include <QToolButton>

using namespace sockscope;
using Model = SystemSocketsModel;

namespace {
// The proxy row of the LISTEN socket on port, or an invalid index.
QModelIndex listenerRow(const SystemSocketsPanel& panel, quint16 port) {
    const QAbstractItemModel* proxy = panel.view()->model();
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex index = proxy->index(row, 0);
        if (index.data(Model::LocalPortRole).toInt() == port &&
            index.data(Model::StateRole).toInt() == int(TcpState::Listen))
            return index;
    }
    return {};
}
} // namespace

class tst_SystemSocketsPanel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsOurListenerAsOwn() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        SystemSocketsPanel panel;
        panel.poller()->setIntervalMs(100);
        QVERIFY(!panel.poller()->isActive()); // nothing to read for while hidden
        panel.show();
        QVERIFY(panel.poller()->isActive());

        QTRY_VERIFY(listenerRow(panel, server.serverPort()).isValid());
        const QModelIndex row = listenerRow(panel, server.serverPort());
        QVERIFY(row.data(Model::IsOwnRole).toBool());
        QCOMPARE(row.siblingAtColumn(Model::ProcessColumn).data().toString(),
                 QCoreApplication::applicationFilePath().section(u'/', -1).left(15));
        if (panel.model()->ephemeralPorts())
            QVERIFY(panel.ephemeralLabel()->text().startsWith(u"Ephemeral ports "));

        // The queue columns explain what they mean for a LISTEN socket.
        QVERIFY(panel.view()
                    ->model()
                    ->headerData(Model::RecvQColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"accept queue"));
        QVERIFY(panel.view()
                    ->model()
                    ->headerData(Model::SendQColumn, Qt::Horizontal, Qt::ToolTipRole)
                    .toString()
                    .contains(u"backlog"));
    }

    void filters() {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        SystemSocketsPanel panel;
        panel.show();
        QTRY_VERIFY(listenerRow(panel, server.serverPort()).isValid());
        const QAbstractItemModel* proxy = panel.view()->model();

        panel.ownOnlyBox()->setChecked(true);
        QVERIFY(proxy->rowCount() >= 1);
        for (int row = 0; row < proxy->rowCount(); ++row)
            QVERIFY(proxy->index(row, 0).data(Model::IsOwnRole).toBool());

        panel.stateBox()->setCurrentIndex(panel.stateBox()->findText(u"ESTABLISHED"_qs));
        QVERIFY(!listenerRow(panel, server.serverPort()).isValid());
        panel.stateBox()->setCurrentIndex(panel.stateBox()->findText(u"LISTEN"_qs));
        QVERIFY(listenerRow(panel, server.serverPort()).isValid());

        panel.ownOnlyBox()->setChecked(false);
        panel.filterEdit()->setText(u":%1"_qs.arg(server.serverPort()));
        QCOMPARE(proxy->rowCount(), 1);
        panel.filterEdit()->setText(u"no such socket anywhere"_qs);
        QCOMPARE(proxy->rowCount(), 0);
    }

    void pauseStopsRefreshing() {
        SystemSocketsPanel panel;
        panel.show();
        QVERIFY(panel.poller()->isActive());
        panel.pauseButton()->click();
        QVERIFY(!panel.poller()->isActive());

        // A paused list still refreshes on request.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        panel.refreshButton()->click();
        QTRY_VERIFY(listenerRow(panel, server.serverPort()).isValid());

        panel.pauseButton()->click();
        QVERIFY(panel.poller()->isActive());
        panel.hide();
        QVERIFY(!panel.poller()->isActive());
    }

    void goneSocketsAreMarkedClosedThenRemoved() {
        auto server = std::make_unique<QTcpServer>();
        QVERIFY(server->listen(QHostAddress::LocalHost, 0));
        const quint16 port = server->serverPort();
        SystemSocketsPanel panel;
        panel.poller()->setIntervalMs(100);
        panel.show();
        QTRY_VERIFY(listenerRow(panel, port).isValid());
        server.reset();
        QTRY_VERIFY(listenerRow(panel, port).data(Model::IsClosedRole).toBool());
        QTRY_VERIFY(!listenerRow(panel, port).isValid());
    }
};

QTEST_MAIN(tst_SystemSocketsPanel)
#include "tst_systemsocketspanel.moc"
