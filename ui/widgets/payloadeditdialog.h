#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace sockscope {

// Edits one message's bytes, as text with the views' escapes (\r \n \t
// \xHH ...) or as hex: a held message before it goes on, or a new one to
// inject. OK stays off while the text does not parse, and the reason shows.
class PayloadEditDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PayloadEditDialog)
public:
    PayloadEditDialog(const QString& title, const QByteArray& payload, QWidget* parent = nullptr);

    QByteArray payload() const { return m_payload; }

private:
    void showIn(bool hex);
    void parse();

    QComboBox* m_format = nullptr;
    QPlainTextEdit* m_edit = nullptr;
    QLabel* m_error = nullptr;
    QPushButton* m_ok = nullptr;
    QByteArray m_payload;
};

} // namespace sockscope
