/**
 * Ten real AWS Lambda experiments, measured and published with SimFaaS: one function each, Poisson arrivals
 * at a fixed rate, exponential-like service times of about 2 s, the platform's idle period of the time
 * (10 min), and what AWS was measured to do: the share of requests that were cold (with its standard error)
 * and the time-averaged instance count.
 *
 * Source: pacslab/simfaas @ 35e190dca993a0a02c5d1fbc8c9dc71a5eb13a69, `examples/exp.csv`, every second row of
 * the 20, in rate order (experiments 13, 15, 17, 18, 10, 0, 1, 2, 3, 4), values unchanged.
 * Paper: N. Mahmoudi, H. Khazaei, "SimFaaS: A Performance Simulator for Serverless Computing Platforms",
 * CLOSER 2021, arXiv 2102.08904.
 * Licence: MIT, Copyright (c) 2020 Nima Mahmoudi (see NOTICE).
 */

/** One experiment: its settings and what AWS measured. */
export interface AwsExperiment {
  name: string;
  /** Requests per second (Poisson). */
  arrivalRate: number;
  /** Mean service time of a warm request, ms. */
  serviceTimeWarmMs: number;
  /** Mean service time of a cold request (init included), ms. */
  serviceTimeColdMs: number;
  /** The platform's idle period before an environment was ended, minutes. */
  idleMinutesBeforeKill: number;
  /** Measured: time-averaged instances (busy or idle). */
  averageInstanceCount: number;
  /** Measured: share of requests that were cold, and its standard error. */
  coldStartProbability: number;
  coldStartProbabilitySE: number;
}

/** The experiments, in rate order. */
export const AWS_EXPERIMENTS: readonly AwsExperiment[] = [
  { name: 'experiment_13', arrivalRate: 0.0018631367641819018, serviceTimeWarmMs: 1955.000046527747, serviceTimeColdMs: 2563.417463075547, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 0.6741935483870968, coldStartProbability: 0.34298826173826175, coldStartProbabilitySE: 0.03176348975512799 },
  { name: 'experiment_15', arrivalRate: 0.002881640680737374, serviceTimeWarmMs: 1952.4110773558257, serviceTimeColdMs: 2536.062640528525, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 0.7794707297514034, coldStartProbability: 0.14543114043342875, coldStartProbabilitySE: 0.02418067184039178 },
  { name: 'experiment_17', arrivalRate: 0.004247997269166777, serviceTimeWarmMs: 1958.2814464443609, serviceTimeColdMs: 2397.801420905373, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 0.9459029435163087, coldStartProbability: 0.07948013592410144, coldStartProbabilitySE: 0.012393396049604844 },
  { name: 'experiment_18', arrivalRate: 0.007850937561749665, serviceTimeWarmMs: 1969.644856327678, serviceTimeColdMs: 2421.957872130654, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 1.1290836653386453, coldStartProbability: 0.033821376876008905, coldStartProbabilitySE: 0.005195602130175907 },
  { name: 'experiment_10', arrivalRate: 0.05011997483167722, serviceTimeWarmMs: 1967.1349511571775, serviceTimeColdMs: 2192.3078695933023, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 2.113582208101668, coldStartProbability: 0.008542126411410991, coldStartProbabilitySE: 0.0009361250704571258 },
  { name: 'experiment_0', arrivalRate: 0.10037738637293372, serviceTimeWarmMs: 1975.8880602605868, serviceTimeColdMs: 2244.1262576891027, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 2.8888006354249405, coldStartProbability: 0.005658487683960966, coldStartProbabilitySE: 0.00041582067620341175 },
  { name: 'experiment_1', arrivalRate: 0.30179128934985394, serviceTimeWarmMs: 1991.6797596346114, serviceTimeColdMs: 2270.796701312065, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 4.421763304209691, coldStartProbability: 0.002939493732069899, coldStartProbabilitySE: 0.00019991284900045951 },
  { name: 'experiment_2', arrivalRate: 0.4996728494874295, serviceTimeWarmMs: 2006.7396194224252, serviceTimeColdMs: 2152.437480056987, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 5.694201747418586, coldStartProbability: 0.0019133093104785875, coldStartProbabilitySE: 9.749280728261133e-05 },
  { name: 'experiment_3', arrivalRate: 0.6972660899741501, serviceTimeWarmMs: 2012.6834804681198, serviceTimeColdMs: 2183.5311407684, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 6.927720413026211, coldStartProbability: 0.0017512076961520968, coldStartProbabilitySE: 0.00011379388168737739 },
  { name: 'experiment_4', arrivalRate: 0.9024594401863006, serviceTimeWarmMs: 2016.0483306969988, serviceTimeColdMs: 2163.4318779424293, idleMinutesBeforeKill: 10.0,
    averageInstanceCount: 7.869841269841269, coldStartProbability: 0.001513391210191625, coldStartProbabilitySE: 6.64286246388612e-05 },
];
