#pragma once

#include <QDialog>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace sockscope {

class RuleSet;

// Edits a rules file (docs/rules-format.md) as JSON, checks it as it is
// typed (the first fault, with its place), and tries a message against it:
// which rule would answer and what it would send. Save writes the file
// atomically; a new file gets a working example to start from.
class RulesEditor final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RulesEditor)
public:
    // path: the rules file to edit; empty or missing: a new one, saved
    // where the person chooses.
    explicit RulesEditor(const QString& path, QWidget* parent = nullptr);

    // Where the rules were saved (valid once accepted).
    QString path() const { return m_path; }

    void accept() override;

private:
    void check();
    void tryMessage();

    QString m_path;
    std::shared_ptr<const RuleSet> m_rules; // the text's, while it can be used
    QPlainTextEdit* m_json = nullptr;
    QLabel* m_status = nullptr;
    QLineEdit* m_message = nullptr;
    QLabel* m_answer = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace sockscope
