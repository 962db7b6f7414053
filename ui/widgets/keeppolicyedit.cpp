#include "keeppolicyedit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QSpinBox>

namespace sockscope {

namespace {
using Mode = KeepPolicy::Mode;
constexpr int kDefaultHeadKiB = 64;
} // namespace

KeepPolicyEdit::KeepPolicyEdit(QWidget* parent)
    : QWidget(parent)
    , m_mode(new QComboBox(this))
    , m_headKiB(new QSpinBox(this)) {
    m_mode->addItem(tr("Everything"), int(Mode::All));
    m_mode->addItem(tr("The first bytes of each direction"), int(Mode::Head));
    m_mode->addItem(tr("Counts only, no payload"), int(Mode::None));
    m_mode->setAccessibleName(tr("Keep payload"));
    m_mode->setToolTip(tr("How much of each connection's payload the capture keeps, like "
                          "Wireshark's snapshot length. Byte counts stay exact either way; "
                          "what is not kept is counted as dropped on its connection."));
    m_headKiB->setRange(1, 1024 * 1024);
    m_headKiB->setSuffix(tr(" KiB"));
    m_headKiB->setValue(kDefaultHeadKiB);
    m_headKiB->setAccessibleName(tr("Bytes kept of each direction"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_mode, 1);
    layout->addWidget(m_headKiB);
    setFocusProxy(m_mode);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &KeepPolicyEdit::updateSizeEnabled);
    updateSizeEnabled();
}

KeepPolicy KeepPolicyEdit::policy() const {
    const auto mode = Mode(m_mode->currentData().toInt());
    return {mode, mode == Mode::Head ? qint64(m_headKiB->value()) * 1024 : 0};
}

void KeepPolicyEdit::setPolicy(const KeepPolicy& policy) {
    m_mode->setCurrentIndex(std::max(0, m_mode->findData(int(policy.mode))));
    if (policy.mode == Mode::Head)
        m_headKiB->setValue(
            int(std::clamp<qint64>((policy.headBytes + 1023) / 1024, 1, m_headKiB->maximum())));
}

void KeepPolicyEdit::updateSizeEnabled() {
    m_headKiB->setEnabled(Mode(m_mode->currentData().toInt()) == Mode::Head);
}

} // namespace sockscope
