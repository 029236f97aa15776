// Generates the TA-Lib reference values in ../talib-golden.json (not run by the tests).
// Input file: int32 n, then n doubles each of open, high, low, close, volume.
// Output: <out>.idx (one column name per line) and <out>.bin (n doubles per column,
// NaN before TA-Lib's outBegIdx, i.e. aligned like gpu-charts' outputs).
// Build against the TA-Lib C sources (0.6.x), e.g.:
//   gcc -O2 -shared -fPIC -o libta.so -I$TA/include -I$TA/src/ta_common -I$TA/src/ta_func $TA/src/ta_common/*.c $TA/src/ta_func/*.c
//   gcc -O2 -o oracle oracle.c -I$TA/include -L. -lta -lm -Wl,-rpath,.
// and run make-golden.mjs with ORACLE=./oracle.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "ta_libc.h"

static int n; static double *O,*H,*L,*C,*V;
static FILE *idx, *bin;
static double *buf[3];
static void emit(const char *name, double *out, int beg, int nb) {
  double *col = malloc(sizeof(double)*n);
  for (int i=0;i<n;i++) col[i]=NAN;
  for (int i=0;i<nb;i++) col[beg+i]=out[i];
  fwrite(col,sizeof(double),n,bin); fprintf(idx,"%s\n",name); free(col);
}
#define RUN1(name, call) { int b=0,nb=0; TA_RetCode rc = call; if(rc) {fprintf(stderr,"%s rc=%d\n",name,rc);} emit(name,buf[0],b,nb);} 
#define RUN2(n1,n2, call) { int b=0,nb=0; TA_RetCode rc = call; if(rc) {fprintf(stderr,"%s rc=%d\n",n1,rc);} emit(n1,buf[0],b,nb); emit(n2,buf[1],b,nb);} 
#define RUN3(n1,n2,n3, call) { int b=0,nb=0; TA_RetCode rc = call; if(rc) {fprintf(stderr,"%s rc=%d\n",n1,rc);} emit(n1,buf[0],b,nb); emit(n2,buf[1],b,nb); emit(n3,buf[2],b,nb);} 
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1],"rb"); fread(&n,sizeof(int),1,f);
  O=malloc(8*n);H=malloc(8*n);L=malloc(8*n);C=malloc(8*n);V=malloc(8*n);
  fread(O,8,n,f);fread(H,8,n,f);fread(L,8,n,f);fread(C,8,n,f);fread(V,8,n,f); fclose(f);
  for(int k=0;k<3;k++) buf[k]=malloc(8*n);
  char p[512]; sprintf(p,"%s.idx",argv[2]); idx=fopen(p,"w"); sprintf(p,"%s.bin",argv[2]); bin=fopen(p,"wb");
  TA_Initialize();
  int e = n-1;
  RUN1("sma", TA_SMA(0,e,C,30,&b,&nb,buf[0]));
  RUN1("sma:7", TA_SMA(0,e,C,7,&b,&nb,buf[0]));
  RUN1("ema", TA_EMA(0,e,C,30,&b,&nb,buf[0]));
  RUN1("ema:10", TA_EMA(0,e,C,10,&b,&nb,buf[0]));
  RUN1("wma", TA_WMA(0,e,C,30,&b,&nb,buf[0]));
  RUN1("wma:9", TA_WMA(0,e,C,9,&b,&nb,buf[0]));
  RUN1("dema", TA_DEMA(0,e,C,30,&b,&nb,buf[0]));
  RUN1("dema:8", TA_DEMA(0,e,C,8,&b,&nb,buf[0]));
  RUN1("tema", TA_TEMA(0,e,C,30,&b,&nb,buf[0]));
  RUN1("tema:6", TA_TEMA(0,e,C,6,&b,&nb,buf[0]));
  RUN1("kama", TA_KAMA(0,e,C,30,&b,&nb,buf[0]));
  RUN1("kama:10", TA_KAMA(0,e,C,10,&b,&nb,buf[0]));
  RUN3("bbands.upper","bbands.middle","bbands.lower", TA_BBANDS(0,e,C,5,2,2,TA_MAType_SMA,&b,&nb,buf[0],buf[1],buf[2]));
  RUN3("bbands:20,2.5,1.5.upper","bbands:20,2.5,1.5.middle","bbands:20,2.5,1.5.lower", TA_BBANDS(0,e,C,20,2.5,1.5,TA_MAType_SMA,&b,&nb,buf[0],buf[1],buf[2]));
  RUN1("rsi", TA_RSI(0,e,C,14,&b,&nb,buf[0]));
  RUN1("rsi:5", TA_RSI(0,e,C,5,&b,&nb,buf[0]));
  RUN3("macd.macd","macd.signal","macd.histogram", TA_MACD(0,e,C,12,26,9,&b,&nb,buf[0],buf[1],buf[2]));
  RUN3("macd:5,35,5.macd","macd:5,35,5.signal","macd:5,35,5.histogram", TA_MACD(0,e,C,5,35,5,&b,&nb,buf[0],buf[1],buf[2]));
  RUN2("stoch.k","stoch.d", TA_STOCH(0,e,H,L,C,5,3,TA_MAType_SMA,3,TA_MAType_SMA,&b,&nb,buf[0],buf[1]));
  RUN2("stoch:14,3,5.k","stoch:14,3,5.d", TA_STOCH(0,e,H,L,C,14,3,TA_MAType_SMA,5,TA_MAType_SMA,&b,&nb,buf[0],buf[1]));
  RUN1("atr", TA_ATR(0,e,H,L,C,14,&b,&nb,buf[0]));
  RUN1("atr:1", TA_ATR(0,e,H,L,C,1,&b,&nb,buf[0]));
  RUN1("natr", TA_NATR(0,e,H,L,C,14,&b,&nb,buf[0]));
  RUN1("obv", TA_OBV(0,e,C,V,&b,&nb,buf[0]));
  RUN1("adx", TA_ADX(0,e,H,L,C,14,&b,&nb,buf[0]));
  RUN1("adx:5", TA_ADX(0,e,H,L,C,5,&b,&nb,buf[0]));
  RUN1("cci", TA_CCI(0,e,H,L,C,14,&b,&nb,buf[0]));
  RUN1("cci:20", TA_CCI(0,e,H,L,C,20,&b,&nb,buf[0]));
  RUN1("willr", TA_WILLR(0,e,H,L,C,14,&b,&nb,buf[0]));
  RUN1("mfi", TA_MFI(0,e,H,L,C,V,14,&b,&nb,buf[0]));
  RUN1("mfi:5", TA_MFI(0,e,H,L,C,V,5,&b,&nb,buf[0]));
  RUN1("sar", TA_SAR(0,e,H,L,0.02,0.2,&b,&nb,buf[0]));
  RUN1("sar:0.01,0.1", TA_SAR(0,e,H,L,0.01,0.1,&b,&nb,buf[0]));
  RUN1("roc", TA_ROC(0,e,C,10,&b,&nb,buf[0]));
  RUN1("mom", TA_MOM(0,e,C,10,&b,&nb,buf[0]));
  RUN1("stddev", TA_STDDEV(0,e,C,5,1,&b,&nb,buf[0]));
  RUN1("stddev:20,2", TA_STDDEV(0,e,C,20,2,&b,&nb,buf[0]));
  RUN1("trix", TA_TRIX(0,e,C,30,&b,&nb,buf[0]));
  RUN1("trix:5", TA_TRIX(0,e,C,5,&b,&nb,buf[0]));
  RUN2("aroon.down","aroon.up", TA_AROON(0,e,H,L,14,&b,&nb,buf[0],buf[1]));
  RUN1("ad", TA_AD(0,e,H,L,C,V,&b,&nb,buf[0]));
  RUN1("adosc", TA_ADOSC(0,e,H,L,C,V,3,10,&b,&nb,buf[0]));
  RUN1("adosc:10,3", TA_ADOSC(0,e,H,L,C,V,10,3,&b,&nb,buf[0]));
  RUN1("ultosc", TA_ULTOSC(0,e,H,L,C,7,14,28,&b,&nb,buf[0]));
  RUN1("ultosc:28,5,10", TA_ULTOSC(0,e,H,L,C,28,5,10,&b,&nb,buf[0]));
  fclose(idx); fclose(bin); TA_Shutdown(); return 0;
}
