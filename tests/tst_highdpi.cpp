#include "clientdialog.h"
#include "engine/engine.h"
#include "listenerdialog.h"
#include "mainwindow.h"
#include "models/connectionsmodel.h"
#include "sendbox.h"
#include "sendboxparts.h"
#include "windowparts.h"

#include <QApplication>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace sockscope;

namespace {
// Buttons whose size hint (icon, text, margins at this scale) does not fit
// in the space the layout gave them: their text would be cut off.
QStringList clipped(const QList<QAbstractButton*>& buttons) {
    QStringList found;
    for (const QAbstractButton* button : buttons) {
        if (!button->isVisible())
            continue;
        const QSize hint = button->sizeHint();
        if (button->width() < hint.width() || button->height() < hint.height()) {
            found << QStringLiteral("'%1' is %2x%3, needs %4x%5")
                         .arg(button->text())
                         .arg(button->width())
                         .arg(button->height())
                         .arg(hint.width())
                         .arg(hint.height());
        }
    }
    return found;
}
} // namespace

// Runs at QT_SCALE_FACTOR=2 (set in main() below, before the application
// exists), as on a 4K screen at 200 %.
class tst_HighDpi final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_highdpi"));
        QSettings().clear();
    }

    void init() {
        m_engine = std::make_unique<Engine>();
        m_window = std::make_unique<MainWindow>(m_engine.get());
        m_window->setConfirmQuit(false);
        // 1280x800 logical: a 2560x1600 screen at 200 %.
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void rendersAtTwiceTheResolution() {
        QCOMPARE(m_window->devicePixelRatio(), 2.0);
        const QImage image = m_window->grab().toImage();
        QCOMPARE(image.devicePixelRatio(), 2.0);
        QCOMPARE(image.size(), m_window->size() * 2);
        // Icons come from SVG, so they are sharp at 2x: a 2x pixmap exists.
        const QPixmap icon = QIcon(QStringLiteral(":/icons/listen.svg")).pixmap(QSize(16, 16), 2.0);
        QCOMPARE(icon.size(), QSize(32, 32));
    }

    void toolbarShowsEveryButtonUnclipped() {
        auto* toolbar = m_window->findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QVERIFY(toolbar);
        // No overflow menu: every action has its button in view.
        auto* overflow = toolbar->findChild<QToolButton*>(QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY(!overflow || !overflow->isVisible());
        QList<QAbstractButton*> buttons;
        for (QAction* action : toolbar->actions()) {
            if (action->isSeparator())
                continue;
            auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(action));
            QVERIFY2(button && button->isVisible(), qPrintable(action->text()));
            QVERIFY(toolbar->rect().contains(button->geometry()));
            buttons << button;
        }
        QVERIFY(buttons.size() >= 8);
        const QStringList bad = clipped(buttons);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void sendBoxButtonsUnclipped() {
        SendBox* box = parts::sendBox(m_window);
        const QList<QAbstractButton*> buttons{box->sendButton(), parts::halfCloseButton(box),
                                              parts::closeButton(box)};
        for (const QAbstractButton* button : buttons)
            QVERIFY(box->rect().contains(button->geometry()));
        const QStringList bad = clipped(buttons);
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
    }

    void dialogsUnclipped() {
        ListenerDialog* listener = m_window->openListenerDialog();
        QVERIFY(QTest::qWaitForWindowExposed(listener));
        QStringList bad = clipped(listener->findChildren<QAbstractButton*>());
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
        listener->reject();
        ClientDialog* client = m_window->openClientDialog();
        QVERIFY(QTest::qWaitForWindowExposed(client));
        bad = clipped(client->findChildren<QAbstractButton*>());
        QVERIFY2(bad.isEmpty(), qPrintable(bad.join(u'\n')));
        client->reject();
    }
};

int main(int argc, char** argv) {
    // Must be set before the application object reads the environment.
    qputenv("QT_SCALE_FACTOR", "2");
    QApplication app(argc, argv);
    tst_HighDpi test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_highdpi.moc"
