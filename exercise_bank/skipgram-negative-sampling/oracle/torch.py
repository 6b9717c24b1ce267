import torch
import torch.nn.functional as F


def sgns_loss_and_grads(W_in, W_out, center, context, negatives):
    w_in = torch.tensor(W_in, dtype=torch.float64, requires_grad=True)
    w_out = torch.tensor(W_out, dtype=torch.float64, requires_grad=True)
    # F.embedding is the lookup word2vec models use; it raises IndexError for an index outside the vocabulary.
    v = F.embedding(torch.tensor([center]), w_in)[0]
    u_pos = F.embedding(torch.tensor([context]), w_out)[0]
    u_neg = F.embedding(torch.tensor(list(negatives), dtype=torch.long), w_out)
    loss = -F.logsigmoid(u_pos @ v) - F.logsigmoid(-(u_neg @ v)).sum()
    loss.backward()
    return loss.item(), w_in.grad.numpy(), w_out.grad.numpy()
