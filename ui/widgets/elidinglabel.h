#pragma once

#include <QLabel>

namespace sockscope {

// A one-line label that gives up width before its neighbours do: squeezed,
// it shows its text elided in the middle, and its minimum is a few
// characters, so it never holds a window wider than the screen.
class ElidingLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidingLabel)
public:
    explicit ElidingLabel(QWidget* parent = nullptr);

    void setFullText(const QString& text);
    const QString& fullText() const { return m_fullText; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void elide();

    QString m_fullText;
};

} // namespace sockscope
