#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace sockscope {

class KeepPolicyEdit;
struct Preferences;

// File → Preferences…: the capture budget and folder the window starts its
// engine with, and the keep policy the Listen and Connect dialogs offer.
// OK saves them; the budget and folder apply from the next start, since the
// capture file is made and sized when the engine starts.
class PreferencesDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    explicit PreferencesDialog(QWidget* parent = nullptr);

    void accept() override;

private:
    void fill(const Preferences& preferences);
    void validate();

    QLineEdit* m_budget = nullptr;
    QLabel* m_budgetError = nullptr;
    QLineEdit* m_folder = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_folderError = nullptr;
    KeepPolicyEdit* m_keep = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace sockscope
