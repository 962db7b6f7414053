#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace sockscope {

// A dismissable warning strip at the top of the window, for failures that
// happen after the dialog that caused them has closed (a bind that fails,
// for instance), with an optional button offering the obvious fix.
class NoticeBanner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NoticeBanner)
public:
    explicit NoticeBanner(QWidget* parent = nullptr);

    // An empty actionText shows no button.
    void showNotice(const QString& message, const QString& actionText = {});
    QString message() const;
    QPushButton* actionButton() const { return m_action; }

Q_SIGNALS:
    void actionTriggered();

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyColours();

    QLabel* m_icon = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_action = nullptr;
};

} // namespace sockscope
