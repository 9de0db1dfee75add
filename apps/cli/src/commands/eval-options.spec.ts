import { EvalUsageError, parseEvalOptions } from './eval-options';

describe('parseEvalOptions', () => {
  it('reads a public dataset from the configured folder with the sasrec defaults', () => {
    const options = parseEvalOptions({ dataset: 'ml-100k' }, '/data');
    expect(options.source).toEqual({ kind: 'dataset', name: 'ml-100k', dir: '/data' });
    expect(options.model).toBe('sasrec');
    expect(options.training).toEqual({ epochs: 200, batchSize: 128, maxLen: 50, dim: 64, blocks: 3, lr: 0.001, dropout: 0.5, patience: 10, loss: 'sampled', seed: 42, negatives: undefined, averageDecay: 0.999, threads: 1 });
    expect(options.excludeHistory).toBe(false);
    expect(options.coldItems).toBeUndefined();
  });

  it('reads --cold-items as a fraction in (0, 1)', () => {
    expect(parseEvalOptions({ dataset: 'amazon-scientific', 'cold-items': '0.2' }, '/d').coldItems).toBe(0.2);
    for (const bad of ['0', '1', '-0.1', 'x', '']) expect(() => parseEvalOptions({ dataset: 'amazon-scientific', 'cold-items': bad }, '/d')).toThrow(EvalUsageError);
  });

  it('takes the datasets folder from --datasets-dir, then --data-dir', () => {
    expect(parseEvalOptions({ dataset: 'ml-100k', 'data-dir': '/b' }, '/a').source).toMatchObject({ dir: '/b' });
    expect(parseEvalOptions({ dataset: 'ml-100k', 'data-dir': '/b', 'datasets-dir': '/c' }, '/a').source).toMatchObject({ dir: '/c' });
  });

  it('uses the GRU4Rec defaults for gru4rec and parses every training flag', () => {
    expect(parseEvalOptions({ dataset: 'ml-100k', model: 'gru4rec' }, '/d').training).toMatchObject({ blocks: 1, dropout: 0.3, loss: 'ce' });
    const options = parseEvalOptions({
      file: 'x.txt', format: 'seq-lines', model: 'sasrec', epochs: '3', 'batch-size': '64', 'max-len': '20', dim: '32', blocks: '1',
      lr: '0.005', dropout: '0.2', patience: '2', loss: 'sampled', seed: '7', negatives: '512', 'average-decay': '0.99', threads: '3', 'exclude-history': true, json: 'out.json',
    }, '/d');
    expect(options.source).toEqual({ kind: 'file', path: 'x.txt', format: 'seq-lines' });
    expect(options.training).toEqual({ epochs: 3, batchSize: 64, maxLen: 20, dim: 32, blocks: 1, lr: 0.005, dropout: 0.2, patience: 2, loss: 'sampled', seed: 7, negatives: 512, averageDecay: 0.99, threads: 3 });
    expect(options.excludeHistory).toBe(true);
    expect(options.json).toBe('out.json');
  });

  it('reads the long-tail flags of --model sasrec+gan, with the SASRec training defaults', () => {
    const defaults = parseEvalOptions({ dataset: 'amazon-beauty', model: 'sasrec+gan' }, '/d');
    expect(defaults.model).toBe('sasrec+gan');
    expect(defaults.training).toMatchObject({ blocks: 3, dropout: 0.5, loss: 'sampled', averageDecay: 0.999 });
    expect(defaults.gan).toEqual({ epochs: 30, patience: 3, hidden: 128, batchSize: 64, lr: 0.001, tailGain: 0.1, condition: 'sequence', noise: 8 });
    const set = parseEvalOptions({ dataset: 'ml-100k', model: 'sasrec+gan', 'gan-epochs': '4', 'gan-patience': '2', 'gan-hidden': '64', 'gan-batch-size': '32', 'gan-lr': '0.01', 'tail-gain': '0.05', 'gan-condition': 'interactions', 'gan-noise': '0' }, '/d');
    expect(set.gan).toEqual({ epochs: 4, patience: 2, hidden: 64, batchSize: 32, lr: 0.01, tailGain: 0.05, condition: 'interactions', noise: 0 });
    expect(parseEvalOptions({ dataset: 'ml-100k' }, '/d').gan).toBeUndefined();
  });

  it.each([
    [{}, /give --dataset NAME/],
    [{ dataset: 'ml-100k', 'gan-epochs': '3' }, /--gan-epochs goes with --model sasrec\+gan/],
    [{ dataset: 'ml-100k', model: 'sasrec+gan', 'tail-gain': '1' }, /--tail-gain must be a fraction in \(0, 1\)/],
    [{ dataset: 'ml-100k', model: 'sasrec+gan', 'gan-hidden': '0' }, /--gan-hidden must be an integer ≥ 1/],
    [{ dataset: 'ml-100k', model: 'sasrec+gan', 'gan-condition': 'items' }, /--gan-condition must be one of sequence, interactions/],
    [{ dataset: 'ml-100k', model: 'sasrec+gan', 'cold-items': '0.2' }, /--cold-items does not go with --model sasrec\+gan/],
    [{ dataset: 'ml-100k', file: 'a' }, /either --dataset or --file/],
    [{ dataset: 'movielens' }, /unknown --dataset "movielens"; valid names: amazon-beauty, amazon-scientific, ml-100k, diginetica-sample \(/],
    [{ dataset: 'homedepot-search' }, /unknown --dataset "homedepot-search"/],
    [{ file: 'a.txt' }, /--file needs --format/],
    [{ file: 'a.txt', format: 'csv' }, /--format must be one of seq-lines, user-item-pairs, recbole; got "csv"/],
    [{ dataset: 'ml-100k', model: 'bert4rec' }, /--model must be one of sasrec, gru4rec, pop, itemknn/],
    [{ dataset: 'ml-100k', epochs: '0' }, /--epochs must be an integer ≥ 1; got "0"/],
    [{ dataset: 'ml-100k', 'batch-size': '12.5' }, /--batch-size must be an integer/],
    [{ dataset: 'ml-100k', lr: 'fast' }, /--lr must be a number > 0; got "fast"/],
    [{ dataset: 'ml-100k', dropout: '1' }, /--dropout must be a number in \[0, 1\)/],
    [{ dataset: 'ml-100k', loss: 'bpr' }, /--loss must be one of ce, sampled/],
    [{ dataset: 'ml-100k', threads: '0' }, /--threads must be an integer ≥ 1/],
    [{ dataset: 'ml-100k', threads: '64' }, /--threads must be at most 16/],
  ])('rejects %j with a clear message', (flags, message) => {
    expect(() => parseEvalOptions(flags, '/d')).toThrow(EvalUsageError);
    expect(() => parseEvalOptions(flags, '/d')).toThrow(message);
  });
});
