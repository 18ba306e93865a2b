"""Network definitions for the exercise classifier and its ablation variants.

Every network takes a batch of NORMALIZED windows shaped [batch, window, channels]
(the layout the Java pipeline produces) and returns class logits [batch, classes].
`ProbabilityHead` wraps a network for export so the ONNX graph returns
probabilities: the Java side then needs no softmax and PyTorch/Java outputs can be
compared number for number.
"""

import torch
from torch import nn

ARCHITECTURES = ("cnn", "lstm", "gru", "cnn-gru", "cnn-lstm")


class ConvFeatures(nn.Module):
    """Two causal-agnostic 1-D convolutions over time; keeps the time length."""

    def __init__(self, channels, width, kernel=5):
        super().__init__()
        pad = kernel // 2
        self.body = nn.Sequential(
            nn.Conv1d(channels, width, kernel, padding=pad),
            nn.BatchNorm1d(width),
            nn.ReLU(),
            nn.Conv1d(width, width, kernel, padding=pad),
            nn.BatchNorm1d(width),
            nn.ReLU(),
        )

    def forward(self, x):  # x: [B, T, C] -> [B, T, width]
        return self.body(x.transpose(1, 2)).transpose(1, 2)


class SequenceClassifier(nn.Module):
    """Optional convolutional front end, optional recurrent layer, linear head.

    The label of a window is the label of its LAST step (see WINDOWS_FORMAT.md), so
    the recurrent variants classify from their final hidden state and the pure CNN
    variant from a pooled summary plus its last time step.
    """

    def __init__(self, arch, channels, classes, width=32, hidden=48, dropout=0.2):
        super().__init__()
        if arch not in ARCHITECTURES:
            raise ValueError(f"unknown architecture {arch!r}; one of {ARCHITECTURES}")
        self.arch = arch
        self.conv = ConvFeatures(channels, width) if arch.startswith("cnn") else None
        rnn_in = width if self.conv is not None else channels
        if arch.endswith("lstm"):
            self.rnn = nn.LSTM(rnn_in, hidden, batch_first=True)
            features = hidden
        elif arch.endswith("gru"):
            self.rnn = nn.GRU(rnn_in, hidden, batch_first=True)
            features = hidden
        else:
            self.rnn = None
            features = 2 * width
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(features, classes)

    def forward(self, x):
        h = self.conv(x) if self.conv is not None else x
        if self.rnn is not None:
            out, _ = self.rnn(h)
            z = out[:, -1, :]
        else:
            z = torch.cat([h.mean(dim=1), h[:, -1, :]], dim=1)
        return self.head(self.dropout(z))


class ProbabilityHead(nn.Module):
    """Export wrapper: softmax over the classifier's logits."""

    def __init__(self, net):
        super().__init__()
        self.net = net

    def forward(self, x):
        return torch.softmax(self.net(x), dim=1)


def build_network(arch, channels, classes, **kwargs):
    """Returns an untrained network of the named architecture."""
    return SequenceClassifier(arch, channels, classes, **kwargs)
