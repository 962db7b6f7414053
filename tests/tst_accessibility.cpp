#include "clientdialog.h"
#include "engine/engine.h"
#include "listenerdialog.h"
#include "mainwindow.h"
#include "savedsession.h"
#include "savedsessionfile.h"
#include "sessionfixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>

using namespace sockscope;

namespace {
// Parts of a composite control that speak through it: a spin box's line
// edit, a combo box's editor, a view's headers and viewport, a line edit's
// clear button, scroll bars, and Qt's own overflow buttons ("qt_..._ext_button").
bool isPartOfAnotherControl(const QWidget* widget) {
    if (qobject_cast<const QScrollBar*>(widget) || widget->objectName().startsWith(u"qt_"))
        return true;
    for (const QWidget* p = widget->parentWidget(); p; p = p->parentWidget()) {
        if (qobject_cast<const QAbstractSpinBox*>(p) || qobject_cast<const QComboBox*>(p) ||
            qobject_cast<const QAbstractItemView*>(p) || qobject_cast<const QLineEdit*>(p))
            return true;
        if (p->isWindow())
            break;
    }
    return false;
}

bool isInteractive(const QWidget* widget) {
    if (qobject_cast<const QLabel*>(widget))
        return false; // selectable text is read, not operated
    return qobject_cast<const QAbstractButton*>(widget) || qobject_cast<const QComboBox*>(widget) ||
           qobject_cast<const QLineEdit*>(widget) ||
           qobject_cast<const QAbstractSpinBox*>(widget) ||
           qobject_cast<const QAbstractScrollArea*>(widget) ||
           qobject_cast<const QTabBar*>(widget) || widget->focusPolicy() != Qt::NoFocus;
}

// What a screen reader can call the control, by the rules the brief sets:
// its accessible name or a label whose buddy it is. Buttons and tabs also
// speak their own text.
bool hasName(const QWidget* widget, const QList<QLabel*>& labels) {
    if (!widget->accessibleName().trimmed().isEmpty())
        return true;
    for (const QLabel* label : labels) {
        if (label->buddy() == widget && !label->text().remove(u'&').trimmed().isEmpty())
            return true;
    }
    if (auto* button = qobject_cast<const QAbstractButton*>(widget))
        return !button->text().remove(u'&').trimmed().isEmpty();
    if (auto* tabs = qobject_cast<const QTabBar*>(widget)) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i).remove(u'&').trimmed().isEmpty())
                return false;
        }
        return true;
    }
    return false;
}

QString describe(const QWidget* widget) {
    QStringList path;
    for (const QObject* o = widget; o; o = o->parent())
        path.prepend(QString::fromLatin1(o->metaObject()->className()) +
                     (o->objectName().isEmpty() ? QString() : u'#' + o->objectName()));
    return path.join(u" > ");
}

// Every interactive control below root (hidden ones too: the find bar, the
// send box's hex and file pages) that has no name.
QStringList unnamedControls(const QWidget* root) {
    const QList<QLabel*> labels = root->findChildren<QLabel*>();
    QStringList unnamed;
    for (const QWidget* widget : root->findChildren<QWidget*>()) {
        if (widget->window() != root || !isInteractive(widget) || isPartOfAnotherControl(widget))
            continue;
        if (qobject_cast<const QMenuBar*>(widget))
            continue; // its menus are named by their titles
        if (!hasName(widget, labels))
            unnamed << describe(widget);
    }
    return unnamed;
}
} // namespace

class tst_Accessibility final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
        QSettings().clear();
    }

    void theCheckFindsAnUnnamedControl() {
        QWidget root;
        auto* anonymous = new QLineEdit(&root);
        auto* labelled = new QLineEdit(&root);
        (new QLabel(QStringLiteral("&Name:"), &root))->setBuddy(labelled);
        QCOMPARE(unnamedControls(&root).size(), 1);
        anonymous->setAccessibleName(QStringLiteral("Anonymous no more"));
        QVERIFY(unnamedControls(&root).isEmpty());
    }

    void everyControlOfTheLiveWindowHasAName() {
        Engine engine;
        MainWindow window(&engine);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList unnamed = unnamedControls(&window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
        QVERIFY(window.findChildren<QAbstractButton*>().size() > 10);
    }

    void everyControlOfASavedSessionWindowHasAName() {
        MainWindow window(new SavedSession(QStringLiteral("/tmp/fixture.jsonl"),
                                           importedStoreOf(fixture::session())));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList unnamed = unnamedControls(&window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
    }

    void everyControlOfTheDialogsHasAName() {
        ListenerDialog listener;
        ClientDialog client;
        for (QDialog* dialog : std::initializer_list<QDialog*>{&listener, &client}) {
            dialog->show();
            QVERIFY(QTest::qWaitForWindowExposed(dialog));
            const QStringList unnamed = unnamedControls(dialog);
            QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(u'\n')));
        }
    }
};

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
