// The rules editor: checks the JSON as it is typed, tries a message against
// it, and saves atomically; the Listen dialog's Rules choice uses the file.
#include "engine/ruleset.h"
#include "findpart.h"
#include "listenerdialog.h"
#include "ruleseditor.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace sockscope;

namespace {
QPushButton* saveButton(const RulesEditor& editor) {
    return editor.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
}
} // namespace

class tst_RulesEditor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("SockScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_ruleseditor"));
    }
    void init() { QSettings().clear(); }

    void aNewFileStartsFromAWorkingExample() {
        RulesEditor editor{QString()};
        editor.show();
        QVERIFY(saveButton(editor)->isEnabled());
        auto* message = parts::find<QLineEdit>(editor, "tryMessage");
        auto* answer = parts::find<QLabel>(editor, "tryAnswer");
        QTest::keyClicks(message, QStringLiteral("LOGIN bob"));
        QVERIFY2(answer->text().contains(u"“login”"), qPrintable(answer->text()));
        QVERIFY2(answer->text().contains(u"HELLO bob\\r\\n"), qPrintable(answer->text()));
        message->clear();
        QTest::keyClicks(message, QStringLiteral("QUIT"));
        QVERIFY2(answer->text().contains(u"then closes"), qPrintable(answer->text()));
        message->clear();
        QTest::keyClicks(message, QStringLiteral("what?"));
        QVERIFY2(answer->text().contains(u"the default answers"), qPrintable(answer->text()));
        QVERIFY2(answer->text().contains(u"#1"), qPrintable(answer->text()));
    }

    void faultsAreNamedAndCannotBeSaved() {
        RulesEditor editor{QString()};
        editor.show();
        auto* json = parts::find<QPlainTextEdit>(editor, "rulesJson");
        json->setPlainText(QStringLiteral(
            R"({"sockscope_rules": 1, "rules": [{"when": {"equal": "a"}, "reply": {}}]})"));
        auto* status = parts::find<QLabel>(editor, "rulesStatus");
        QVERIFY2(status->text().contains(u"rules[0].when: unknown predicate 'equal'"),
                 qPrintable(status->text()));
        QVERIFY(!saveButton(editor)->isEnabled());
        json->setPlainText(QStringLiteral(R"({"sockscope_rules": 1})"));
        QVERIFY(saveButton(editor)->isEnabled());
        QVERIFY2(status->text().contains(u"no default"), qPrintable(status->text()));
    }

    void savedRulesAnswerFromTheListenDialog() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        QFile seed(path);
        QVERIFY(seed.open(QIODevice::WriteOnly));
        seed.write(R"({"sockscope_rules": 1, "default": {"text": "x"}})");
        seed.close();
        {
            RulesEditor editor(path);
            editor.show();
            auto* json = parts::find<QPlainTextEdit>(editor, "rulesJson");
            QVERIFY(json->toPlainText().contains(u"\"x\""));
            json->setPlainText(
                QStringLiteral(R"({"sockscope_rules": 1, "default": {"text": "y"}})"));
            QTest::mouseClick(saveButton(editor), Qt::LeftButton);
            QCOMPARE(editor.result(), int(QDialog::Accepted));
        }
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("\"y\""));

        ListenerDialog dialog;
        dialog.show();
        dialog.responderEdit()->setCurrentIndex(
            dialog.responderEdit()->findData(int(ResponderConfig::Kind::Rules)));
        QVERIFY(parts::find<QPushButton>(dialog, "editRules")->isVisible());
        QVERIFY(!dialog.okButton()->isEnabled()); // no file yet
        QTest::keyClicks(dialog.replyFileEdit(), dir.filePath(QStringLiteral("missing.json")));
        QVERIFY(!dialog.okButton()->isEnabled());
        QVERIFY2(dialog.replyFileError()->text().contains(u"missing.json"),
                 qPrintable(dialog.replyFileError()->text()));
        dialog.replyFileEdit()->setText(path);
        QVERIFY(dialog.okButton()->isEnabled());
        QTest::mouseClick(dialog.okButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const ResponderConfig responder = dialog.config().responder;
        QCOMPARE(responder.kind, ResponderConfig::Kind::Rules);
        QCOMPARE(responder.name(), QStringLiteral("rules:") + path);
        QVERIFY(responder.rules);
        QCOMPARE(responder.rules->fallback().size(), std::size_t(1));
    }
};

QTEST_MAIN(tst_RulesEditor)
#include "tst_ruleseditor.moc"
