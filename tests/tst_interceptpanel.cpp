// The Intercept tab against a live relay between real peers on loopback:
// ticking "Hold client → server" holds the client's lines in the table;
// Drop and Release act on the selected one; the buttons follow what can be
// done; a saved session holds nothing.
#include "engine/engine.h"
#include "enginerecorder.h"
#include "findpart.h"
#include "interceptpanel.h"
#include "livesession.h"
#include "models/connectionsmodel.h"
#include "rawpeer.h"

#include <QCheckBox>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace sockscope;
using parts::named;

namespace {

QPushButton* button(QWidget* panel, const QString& text) {
    for (QPushButton* b : panel->findChildren<QPushButton*>()) {
        if (b->text() == text)
            return b;
    }
    qFatal("no button %s", qPrintable(text));
}

} // namespace

class tst_InterceptPanel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void holdsDropsAndReleasesFromTheWindow();
};

void tst_InterceptPanel::holdsDropsAndReleasesFromTheWindow() {
    Engine engine(CaptureOptions{}, Engine::Threading::CallerThread);
    EngineRecorder recorder(&engine);
    LiveSession live(&engine);
    ConnectionsModel connections;
    InterceptPanel panel(&live);
    panel.show();
    connect(&engine, &Engine::batchReady, &panel,
            [&](const EventBatch& events, const SessionStats& stats) {
                connections.applyBatch(events, stats);
                panel.appendBatch(events);
            });
    QCheckBox* holdUp = named<QCheckBox>(&panel, u"holdUp"_qs);
    QVERIFY(!holdUp->isEnabled()); // no pair selected

    quint16 upstreamPort = 0;
    RawPeer server = RawPeer::listenOnLoopback(&upstreamPort);
    ListenerConfig config;
    config.address = QStringLiteral("127.0.0.1");
    QString error;
    config.responder =
        *ResponderConfig::parse(QStringLiteral("forward:127.0.0.1:%1").arg(upstreamPort), &error);
    const int listener = engine.startListener(config);
    QTRY_VERIFY(recorder.listenPort(listener) != 0);
    RawPeer client = RawPeer::connectToLoopback(recorder.listenPort(listener));
    RawPeer upstream;
    const auto accepted = [&] { // QTRY_* evaluates once more at the end
        if (!upstream.isValid())
            upstream = server.accept();
        return upstream.isValid();
    };
    QTRY_VERIFY(accepted());
    const auto clientLeg = recorder.find(
        [](const CaptureEvent& e) { return e.kind == EventKind::Accept && e.pair != 0; });
    QVERIFY(clientLeg);
    QTRY_VERIFY(recorder.has(EventKind::Connected, clientLeg->pair));
    QTRY_VERIFY(connections.indexOfConnection(clientLeg->pair).isValid());

    // Selecting the upstream leg shows the same pair.
    panel.showRow(connections.indexOfConnection(clientLeg->pair));
    QVERIFY(holdUp->isEnabled());
    holdUp->click();
    QTRY_VERIFY(holdUp->isChecked());
    QVERIFY(client.write("first\nsecond\n"));
    auto* table = panel.findChild<QTableView*>();
    QTRY_COMPARE(table->model()->rowCount(), 2);
    QCOMPARE(table->model()->index(1, 3).data().toString(), u"second"_qs);
    QVERIFY(!button(&panel, tr("&Drop"))->isEnabled()); // nothing selected

    table->selectRow(0);
    button(&panel, tr("&Drop"))->click();
    QTRY_COMPARE(table->model()->rowCount(), 1);
    table->selectRow(0);
    button(&panel, tr("&Release"))->click();
    QTRY_COMPARE((upstream.poll(), upstream.received), QByteArray("second\n"));
    QTRY_COMPARE(table->model()->rowCount(), 0);

    // Unticking stops holding: bytes flow again.
    holdUp->click();
    QTRY_VERIFY(!holdUp->isChecked());
    QVERIFY(client.write("third\n"));
    QTRY_COMPARE((upstream.poll(), upstream.received), QByteArray("second\nthird\n"));
}

QTEST_MAIN(tst_InterceptPanel)
#include "tst_interceptpanel.moc"
